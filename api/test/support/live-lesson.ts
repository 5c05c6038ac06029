import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { lessonRequest, loadDirectory } from './scheduling.ts';
import type { TestApp } from './test-app.ts';

/** A clock the test sets: "now" for the api, independent of the real time LiveKit runs on. */
export function testClock(start: Date) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    set: (d: Date) => {
      at = d.getTime();
    },
  };
}

export type TBookedLesson = {
  id: string;
  start: Date;
  end: Date;
  /** Participants by e-mail, with their user ids. */
  participants: Map<string, { userId: string; role: string; institutionId: string }>;
  /** A Karaganda student of the lesson, and one of Moscow. */
  krgStudent: string;
  mskStudent: string;
};

/**
 * Books (as Moscow teacher 1) and, unless `confirm` is false, confirms (as the Karaganda
 * coordinator) a 90-minute joint lesson of one Moscow and one Karaganda group through the real
 * api. The app's clock must be before `localStart`.
 *
 * `anyTime` books it as the Moscow coordinator with the calendar overridden (an extra lesson), for
 * tests that need a lesson at the real "now" (LiveKit's clock), whatever the time of day or the
 * day of the week the tests run on.
 */
export async function bookLesson(
  app: TestApp,
  options: {
    localStart: string;
    confirm?: boolean;
    title?: string;
    kind?: string;
    durationMinutes?: number;
    anyTime?: boolean;
  },
): Promise<TBookedLesson> {
  const admin = await app.as(DEMO_ADMIN_EMAIL);
  const dir = await loadDirectory(app, admin);
  const teacher = await app.as(
    options.anyTime ? demoEmail('coordinator', 'msk-26') : demoEmail('teacher', 'msk-26', 1),
  );
  const booked = await teacher.post(
    '/api/events',
    lessonRequest(dir, {
      localStart: options.localStart,
      ...(options.title ? { title: options.title } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.durationMinutes ? { durationMinutes: options.durationMinutes } : {}),
      ...(options.anyTime ? { overrideCalendar: true, overrideNote: 'extra lesson (test)' } : {}),
      teacherIds: [await dir.teacherId(demoEmail('teacher', 'msk-26', 1))],
    }),
  );
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${booked.text}`);
  const event = booked.json.items[0];
  if (options.confirm !== false) {
    const coordinator = await app.as(demoEmail('coordinator', 'krg-construction'));
    const confirmed = await coordinator.post(`/api/events/${event.id}/confirm`, {});
    if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${confirmed.text}`);
  }
  const rows = await app.ctx.db
    .selectFrom('eventParticipants as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .innerJoin('institutions as i', 'i.id', 'p.institutionId')
    .select(['u.email', 'p.userId', 'p.role', 'p.institutionId', 'i.code'])
    .where('p.eventId', '=', event.id)
    .execute();
  const participants = new Map(rows.map((r) => [r.email, r]));
  const student = (code: string) => rows.find((r) => r.role === 'student' && r.code === code)!.email;
  return {
    id: event.id,
    start: new Date(event.start),
    end: new Date(event.end),
    participants,
    krgStudent: student('krg-construction'),
    mskStudent: student('msk-26'),
  };
}

/** The claims of a LiveKit token that the tests read. */
export type TTokenClaims = {
  video: Record<string, unknown>;
  metadata: string;
  exp: number;
  nbf: number;
  roomConfig?: Record<string, unknown>;
};

/** The payload of a JWT, unverified (the test only reads what the api put in it). */
export function jwtPayload(token: string): TTokenClaims {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}
