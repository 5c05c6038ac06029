import type { TEventView } from '@telemost/core/schemas/event';
import { DateTime } from 'luxon';
import { EmptyState } from '../../../components/async-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { capitalizeFirst, formatBothTimes, formatLongDate, type TClock } from '../../../lib/time.ts';
import { EventItem } from './event-item.tsx';

/** Joint activities as a list by day, with a "now" marker between the past and the coming ones. */
export function AgendaView({
  events,
  viewerZone,
  nowClocks,
  now,
}: {
  events: TEventView[];
  viewerZone: string;
  nowClocks: TClock[];
  now: Date;
}) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <EmptyState>{t('calendar.empty')}</EmptyState>;
  const byDay = new Map<string, TEventView[]>();
  for (const e of [...events].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = DateTime.fromISO(e.start).setZone(viewerZone).toISODate()!;
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const nowIso = now.toISOString();
  let nowShown = false;
  const nowMarker = () => {
    nowShown = true;
    return (
      <li className="agenda-now" data-testid="now-line" key="now">
        {t('calendar.now')} {formatBothTimes(now, nowClocks)}
      </li>
    );
  };
  return (
    <ol className="agenda">
      {[...byDay.entries()].map(([day, dayEvents]) => (
        <li key={day} className="agenda-day">
          <h3>{capitalizeFirst(formatLongDate(dayEvents[0]!.start, viewerZone, locale))}</h3>
          <ul>
            {dayEvents.flatMap((e) => {
              const items = [];
              if (!nowShown && nowClocks.length > 0 && e.start > nowIso) items.push(nowMarker());
              items.push(
                <li key={e.id}>
                  <EventItem event={e} viewerZone={viewerZone} range />
                </li>,
              );
              return items;
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}
