import type { TEventView } from '@telemost/core';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

const KIND_TITLE: Record<string, string> = {
  joint_lesson: 'Совместный урок / Joint lesson',
  industrial_practice: 'Производственная практика / Industrial practice',
  cultural_event: 'Культурное мероприятие / Cultural event',
  internship: 'Стажировка / Internship',
  masterclass: 'Мастер-класс / Master class',
  conference: 'Конференция / Conference',
  olympiad: 'Олимпиада / Olympiad',
};

/** "10:00 Москва / 12:00 Караганда": every side's local start, for texts read anywhere. */
export function bothLocalTimes(
  event: Pick<TEventView, 'institutions' | 'start'>,
  locale: 'ru' | 'kk' | 'en' = 'ru',
): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const side of event.institutions) {
    const city = side.city[locale];
    const key = `${side.timeZone}|${city}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`${DateTime.fromISO(event.start, { zone: side.timeZone }).toFormat('HH:mm')} ${city}`);
  }
  return parts.join(' / ');
}

/** The stable iCalendar UID of an event: the same in every feed, download and e-mail. */
export const icsUid = (eventId: string) => `${eventId}@telemost`;

/**
 * RFC 5545 calendar of events. UID is stable, SEQUENCE follows the event version (so every
 * change supersedes the last), and cancelled events say STATUS:CANCELLED.
 */
export function buildIcs(
  events: TEventView[],
  options: { name: string; baseUrl: string; method?: 'publish' | 'request' | 'cancel' },
): string {
  const cal = ical({
    name: options.name,
    prodId: { company: 'Telemost', product: 'telemost', language: 'RU' },
    ...(options.method
      ? {
          method: {
            publish: ICalCalendarMethod.PUBLISH,
            request: ICalCalendarMethod.REQUEST,
            cancel: ICalCalendarMethod.CANCEL,
          }[options.method],
        }
      : {}),
  });
  for (const e of events) {
    const url = `${options.baseUrl}/events/${e.id}`;
    cal.createEvent({
      id: icsUid(e.id),
      sequence: Math.max(0, e.version - 1),
      start: new Date(e.start),
      end: new Date(e.end),
      stamp: new Date(),
      summary: e.title,
      description: [
        KIND_TITLE[e.kind] ?? e.kind,
        bothLocalTimes(e, 'ru'),
        e.institutions.map((i) => i.name.ru).join(' — '),
        e.description ?? '',
        url,
      ]
        .filter(Boolean)
        .join('\n'),
      url,
      status:
        e.status === 'cancelled' || e.status === 'declined'
          ? ICalEventStatus.CANCELLED
          : e.status === 'confirmed'
            ? ICalEventStatus.CONFIRMED
            : ICalEventStatus.TENTATIVE,
    });
  }
  return cal.toString();
}
