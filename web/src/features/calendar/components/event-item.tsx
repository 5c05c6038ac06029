import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TEventView } from '@telemost/core/schemas/event';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatBothTimes } from '../../../lib/time.ts';

/**
 * One joint activity in the calendar: title, both sides' local times (the start in the week grid,
 * start–end with `range`, as the agenda shows it), status in colour and words.
 */
export function EventItem({
  event,
  viewerZone,
  style,
  compact,
  range,
}: {
  event: TEventView;
  viewerZone: string;
  style?: CSSProperties;
  compact?: boolean;
  range?: boolean;
}) {
  const { t, locale } = useI18n();
  const clocks = eventClocks(event.institutions, event.start, { locale, timeZone: viewerZone });
  const times = range
    ? formatBothRanges(event.start, event.end, clocks)
    : formatBothTimes(event.start, clocks);
  return (
    <Link
      to={`/events/${event.id}`}
      title={compact ? `${times} — ${event.title} — ${t(`status.${event.status}`)}` : undefined}
      className={`event-item status-${event.status}${compact ? ' compact' : ''}`}
      style={style}
      data-testid="calendar-event"
      data-event-id={event.id}
    >
      <span className="event-item-times" data-testid="event-times">
        {times}
      </span>
      <span className="event-item-title">{event.title}</span>
      <span className="event-item-meta">
        <StatusBadge status={event.status} />
        <span className="kind">{t(`kind.${event.kind}`)}</span>
      </span>
    </Link>
  );
}
