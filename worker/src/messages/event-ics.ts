import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { TEventSnapshot } from '../events/event-snapshot.ts';

/**
 * The event as an iCalendar attachment. UID `<eventId>@telemost` and SEQUENCE `version − 1` are
 * the ones the api's downloads and feeds use, so a calendar updates the entry it already has
 * instead of adding a second one; a cancelled event goes out as METHOD:CANCEL.
 */
export function buildEventIcs(
  event: TEventSnapshot,
  options: { url: string; description: string; now: Date },
): { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' } {
  const cancelled = event.status === 'cancelled' || event.status === 'declined';
  const cal = ical({
    prodId: { company: 'Telemost', product: 'telemost', language: 'RU' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  cal.createEvent({
    id: `${event.id}@telemost`,
    sequence: Math.max(0, event.version - 1),
    start: event.startAt,
    end: event.endAt,
    stamp: options.now,
    summary: event.title,
    description: options.description,
    url: options.url,
    status: cancelled
      ? ICalEventStatus.CANCELLED
      : event.status === 'confirmed'
        ? ICalEventStatus.CONFIRMED
        : ICalEventStatus.TENTATIVE,
  });
  return {
    filename: 'telemost-event.ics',
    content: cal.toString(),
    method: cancelled ? 'CANCEL' : 'PUBLISH',
  };
}
