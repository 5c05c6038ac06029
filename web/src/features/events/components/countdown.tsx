import { useNow } from '../../../hooks/use-now.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatDateTime, formatDuration } from '../../../lib/time.ts';

/**
 * Time to the start on the viewer's own clock; "under way" during the event, "ended" after it, and
 * "ended early" once a host ended it before its end.
 */
export function Countdown({
  start,
  end,
  endedAt = null,
  viewerZone,
}: {
  start: string;
  end: string;
  endedAt?: string | null;
  viewerZone: string;
}) {
  const { t, locale } = useI18n();
  const now = useNow(1000);
  const toStart = new Date(start).getTime() - now.getTime();
  const toEnd = new Date(end).getTime() - now.getTime();
  const when = formatDateTime(start, viewerZone, locale);
  let text: string;
  if (endedAt && toEnd > 0) text = t('event.endedEarly');
  else if (toStart > 0) text = t('event.countdown', { duration: formatDuration(toStart, locale) });
  else if (toEnd > 0) text = t('event.underway', { duration: formatDuration(toEnd, locale) });
  else text = t('event.ended');
  return (
    <div className="countdown" data-testid="countdown">
      <p className="countdown-main">{text}</p>
      <p className="muted">{t('event.yourTime', { time: when, zone: viewerZone })}</p>
    </div>
  );
}
