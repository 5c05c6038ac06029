import { KIND_LABELS } from '@telemost/core/presentation/kinds';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TEventSnapshot, TRecipient } from '@telemost/worker/events/events.repository';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildIcs } from '../api/src/features/calendar/ics.ts';
import { EventItem } from '../web/src/features/calendar/components/event-item.tsx';
import {
  createEvent,
  createInstitution,
  createKaragandaInstitution,
  KARAGANDA_ID,
  MOSCOW_ID,
} from '../web/src/testing/data-generators.ts';
import { renderWithApp } from '../web/src/testing/render.tsx';
import { buildEventIcs } from '../worker/src/messages/event-ics.ts';
import { renderReminder } from '../worker/src/messages/render-message.ts';
import { checkIcs } from './support/ics-check.ts';

// "Both clocks in each side's language": the e-mail, the in-app notification, the .ics (the api's
// download and the e-mail's attachment) and the web show the same clocks in the same order and
// the same kind label, for every kind of viewer. Each renderer is called as the product calls it.

const START = '2027-02-10T07:00:00.000Z';
const KINDS = Object.keys(KIND_LABELS.ru) as (keyof typeof KIND_LABELS.ru)[];

type TViewer = { who: string; locale: TLocale; ownZone: string | null; institutionId: string | null };
const VIEWERS: TViewer[] = [
  { who: 'a Moscow teacher', locale: 'ru', ownZone: null, institutionId: MOSCOW_ID },
  { who: 'a Karaganda student reading Kazakh', locale: 'kk', ownZone: null, institutionId: KARAGANDA_ID },
  {
    who: 'a Moscow teacher in Karaganda this week',
    locale: 'en',
    ownZone: 'Asia/Almaty',
    institutionId: MOSCOW_ID,
  },
  {
    who: 'an administrator with neither a zone nor a college',
    locale: 'en',
    ownZone: null,
    institutionId: null,
  },
];

/** The viewer's zone by core's one rule, as the api, the worker and the web compute it. */
const zoneOf = (v: TViewer) =>
  v.ownZone ?? (v.institutionId === KARAGANDA_ID ? 'Asia/Almaty' : v.institutionId ? 'Europe/Moscow' : 'UTC');

function snapshot(kind: string): TEventSnapshot {
  const side = (i: ReturnType<typeof createInstitution>) => ({
    institutionId: i.id,
    code: i.code,
    name: i.name,
    city: i.city,
    timeZone: i.timeZone,
    decision: 'confirmed',
  });
  return {
    id: '77777777-7777-4777-8777-777777777777',
    kind,
    title: 'BIM-моделирование',
    description: null,
    status: 'confirmed',
    startAt: new Date(START),
    endAt: new Date('2027-02-10T08:30:00.000Z'),
    version: 1,
    reminderOffsets: [15],
    organizerId: '44444444-4444-4444-8444-444444444444',
    organizerInstitutionId: MOSCOW_ID,
    // Karaganda listed first on purpose: the order shown must not depend on the row order.
    sides: [side(createKaragandaInstitution()), side(createInstitution())],
  };
}

/** `10:00 Москва / 12:00 Караганда` or `10:00 Москва · 12:00 Караганда` → the clocks in order. */
const clocksIn = (text: string, separator: string) => text.split(separator).map((c) => c.trim());

describe('one presentation everywhere', () => {
  for (const viewer of VIEWERS) {
    for (const kind of KINDS) {
      it(`when ${viewer.who} sees a ${kind}, then the e-mail, the notification, the .ics and the web show the same clocks in the same order and the same kind label`, () => {
        const timeZone = zoneOf(viewer);
        const label = KIND_LABELS[viewer.locale][kind];
        const recipient: TRecipient = {
          userId: '88888888-8888-4888-8888-888888888888',
          email: 'someone@telemost.example',
          name: 'Someone',
          locale: viewer.locale,
          timeZone,
          institutionId: viewer.institutionId,
          role: 'teacher',
        };

        // The e-mail and the in-app notification (title, body and times are its payload).
        const message = renderReminder(snapshot(kind), recipient, 15, 'https://telemost.example');
        const clocks = clocksIn(message.times, ' / ');
        expect(clocks.length).toBeGreaterThanOrEqual(2);
        expect(message.text).toContain(message.times);
        expect(message.text).toContain(label);
        expect(message.body).toContain(message.times);
        expect(message.body).toContain(label);

        // The e-mail's .ics attachment carries the e-mail's text.
        const attachment = checkIcs(
          buildEventIcs(snapshot(kind), {
            url: message.url,
            description: message.text,
            now: new Date(START),
            mailFrom: 'Telemost <no-reply@telemost.example>',
            locale: viewer.locale,
          }).content,
        );
        expect(attachment.events[0]!.description).toContain(message.times);

        // The api's .ics download: the event view as the api builds it for this viewer.
        const view = createEvent({ kind, start: START, status: 'confirmed' });
        view.institutions.reverse();
        view.requester = { ...view.requester, timeZone };
        const download = checkIcs(
          buildIcs([view], {
            name: view.title,
            baseUrl: 'https://telemost.example',
            locale: viewer.locale,
            mailFrom: 'Telemost <no-reply@telemost.example>',
            stamp: () => new Date(START),
            method: 'publish',
          }),
        );
        const [icsKind, icsTimes] = download.events[0]!.description.split('\n');
        expect(icsKind).toBe(label);
        expect(clocksIn(icsTimes!, ' / ')).toEqual(clocks);

        // The web: the calendar's event item, rendered as the app renders it.
        renderWithApp(<EventItem event={view} viewerZone={timeZone} />, { locale: viewer.locale });
        expect(clocksIn(screen.getByTestId('event-times').textContent!, ' · ')).toEqual(clocks);
        expect(screen.getByText(label)).toBeTruthy();
      });
    }
  }

  it('when the viewer is in Moscow, then the clocks read "10:00 Москва / 12:00 Караганда"; in Karaganda, Karaganda leads; with no zone, "у вас" (UTC) leads', () => {
    const times = (locale: TLocale, timeZone: string, institutionId: string | null) =>
      renderReminder(
        snapshot('joint_lesson'),
        { userId: 'u', email: 'e', name: 'n', locale, timeZone, institutionId, role: 'teacher' },
        15,
        'https://telemost.example',
      ).times;
    expect(times('ru', 'Europe/Moscow', MOSCOW_ID)).toBe('10:00 Москва / 12:00 Караганда');
    expect(times('ru', 'Asia/Almaty', KARAGANDA_ID)).toBe('12:00 Караганда / 10:00 Москва');
    expect(times('ru', 'UTC', null)).toBe('07:00 у вас / 10:00 Москва / 12:00 Караганда');
  });
});
