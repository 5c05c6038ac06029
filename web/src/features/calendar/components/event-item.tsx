import type { TEventView } from '@telemost/core/schemas/event';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { clocksOf } from '../../../lib/event-clocks.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes } from '../../../lib/time.ts';

/** One joint activity in the calendar: title, both sides' local times, status in colour and words. */
export function EventItem({
  event,
  viewerZone,
  style,
  compact,
}: {
  event: TEventView;
  viewerZone: string;
  style?: CSSProperties;
  compact?: boolean;
}) {
  const { t, locale } = useI18n();
  const clocks = clocksOf(event.institutions, locale, viewerZone);
  const times = formatBothTimes(event.start, clocks);
  return (
    <Link
      to={`/events/${event.id}`}
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
