import {
  buildCalendar,
  icsSequence,
  icsStatus,
  icsUid,
  mailboxAddress,
} from '@telemost/core/presentation/ics';
import type { TEventSnapshot } from '../events/events.repository.ts';

/**
 * The event as an iCalendar attachment, written by core's one builder: UID `<eventId>@telemost`
 * and SEQUENCE `version − 1` are the ones the api's downloads and feeds use, so a calendar updates
 * the entry it already has instead of adding a second one; a cancelled event goes out as
 * METHOD:CANCEL. The organising college is the ORGANIZER, at the sender's address.
 */
export function buildEventIcs(
  event: TEventSnapshot,
  options: { url: string; description: string; now: Date; mailFrom: string; locale: 'ru' | 'kk' | 'en' },
): { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' } {
  const method = icsStatus(event.status) === 'CANCELLED' ? 'CANCEL' : 'PUBLISH';
  const organiser = event.sides.find((s) => s.institutionId === event.organizerInstitutionId);
  const content = buildCalendar({
    method,
    events: [
      {
        uid: icsUid(event.id),
        sequence: icsSequence(event.version),
        start: event.startAt,
        end: event.endAt,
        stamp: options.now,
        summary: event.title,
        description: options.description,
        url: options.url,
        status: icsStatus(event.status),
        organizer: {
          name: organiser?.name[options.locale] ?? 'Telemost',
          email: mailboxAddress(options.mailFrom),
        },
      },
    ],
  });
  return { filename: 'telemost-event.ics', content, method };
}
