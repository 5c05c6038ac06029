import { eventClocks, formatClockRanges, formatClocks } from '@telemost/core/presentation/clocks';
import {
  buildCalendar,
  icsSequence,
  icsStatus,
  icsUid,
  mailboxAddress,
  type TIcsEvent,
} from '@telemost/core/presentation/ics';
import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TEventView } from '@telemost/core/schemas/event';
import type { TProgrammeSession } from '@telemost/core/schemas/programme';

const PROGRAMME_HEADING: Record<TLocale, string> = { ru: 'Программа', kk: 'Бағдарлама', en: 'Programme' };

/** The description of an event in a calendar: kind, both clocks, colleges, description, link. */
export function icsDescription(
  e: TEventView,
  locale: TLocale,
  url: string,
  programme: readonly TProgrammeSession[] = [],
): string {
  const clocks = (at: string) => eventClocks(e.institutions, at, { locale, timeZone: e.requester.timeZone });
  const sessions = programme.map(
    (s) =>
      `${formatClockRanges(s.start, s.end, clocks(s.start))} — ${s.title}${
        s.speakers.length ? ` (${s.speakers.map((p) => p.name).join(', ')})` : ''
      }`,
  );
  return [
    kindLabel(e.kind, locale),
    formatClocks(e.start, clocks(e.start)),
    e.institutions.map((i) => i.name[locale]).join(' — '),
    e.description ?? '',
    sessions.length ? `${PROGRAMME_HEADING[locale]}:\n${sessions.join('\n')}` : '',
    url,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * RFC 5545 calendar of events, written by core's one builder. UID is stable, SEQUENCE follows the
 * event version (so every change supersedes the last), cancelled events say STATUS:CANCELLED, and
 * each event names its organising college as ORGANIZER. `stamp` is DTSTAMP: the request time for a
 * download (it carries METHOD), the event's last change for the feed (without METHOD). A
 * conference's programme is listed in its DESCRIPTION and each session is a VEVENT of its own
 * (UID `<sessionId>@telemost`, RELATED-TO the event), so a calendar shows the sessions at their times.
 */
export function buildIcs(
  events: TEventView[],
  options: {
    name: string;
    baseUrl: string;
    locale: TLocale;
    mailFrom: string;
    stamp: (e: TEventView) => Date;
    method?: 'publish';
    /** Sessions of conferences and cultural events, by event id. */
    programmes?: ReadonlyMap<string, readonly TProgrammeSession[]>;
  },
): string {
  return buildCalendar({
    name: options.name,
    ...(options.method ? { method: 'PUBLISH' as const } : {}),
    events: events.flatMap((e) => {
      const url = `${options.baseUrl}/events/${e.id}`;
      const organiser = e.institutions.find((i) => i.id === e.organizer.institutionId);
      const programme = options.programmes?.get(e.id) ?? [];
      const organizer = {
        name: organiser?.name[options.locale] ?? e.organizer.name,
        email: mailboxAddress(options.mailFrom),
      };
      const main: TIcsEvent = {
        uid: icsUid(e.id),
        sequence: icsSequence(e.version),
        start: new Date(e.start),
        end: new Date(e.end),
        stamp: options.stamp(e),
        summary: e.title,
        description: icsDescription(e, options.locale, url, programme),
        url,
        status: icsStatus(e.status),
        organizer,
      };
      const programmeUrl = `${options.baseUrl}/programme/${e.id}`;
      const sessions = programme.map(
        (s): TIcsEvent => ({
          uid: icsUid(s.id),
          sequence: icsSequence(e.version),
          start: new Date(s.start),
          end: new Date(s.end),
          stamp: options.stamp(e),
          summary: `${e.title}: ${s.title}`,
          description: [
            formatClocks(
              s.start,
              eventClocks(e.institutions, s.start, {
                locale: options.locale,
                timeZone: e.requester.timeZone,
              }),
            ),
            s.speakers.map((p) => p.name).join(', '),
            s.description ?? '',
            programmeUrl,
          ]
            .filter(Boolean)
            .join('\n'),
          url: programmeUrl,
          status: icsStatus(e.status),
          organizer,
          relatedTo: icsUid(e.id),
        }),
      );
      return [main, ...sessions];
    }),
  });
}
