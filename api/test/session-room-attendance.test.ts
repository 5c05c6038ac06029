import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';
import { postWebhook } from './support/webhook.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

describe('attendance in a conference session’s own room (postgres)', () => {
  let app: TestApp;
  let conference: TBookedLesson;
  let host: TestClient;
  let workshop: string;
  let inHall: string;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  const at = (hhmm: string) => new Date(`2027-02-10T${hhmm}:00Z`);
  const sessionRoom = (id: string) => `${conference.id}~session-${id}`;
  const userId = (email: string) => conference.participants.get(email)!.userId;
  const stays = () =>
    app.ctx.db
      .selectFrom('attendance')
      .select(['participantSid', 'identity', 'leftAt', 'programmeSessionId', 'breakout'])
      .where('eventId', '=', conference.id)
      .orderBy('joinedAt')
      .execute();

  beforeAll(async () => {
    // Nothing listens on port 9: the api's calls to LiveKit (taking a room down) fail, as they may.
    app = await startTestApp('postgres', { env: { LIVEKIT_URL: 'ws://127.0.0.1:9' }, now: clock.now });
    conference = await bookLesson(app, {
      localStart: '2027-02-10T10:00',
      kind: 'conference',
      title: 'Конференция «Цифровое строительство»',
      durationMinutes: 180,
    });
    host = await app.as(KRG_COORDINATOR);
    const sessions = `/api/events/${conference.id}/programme/sessions`;
    const own = await host.post(sessions, {
      title: 'Секция: сметы',
      start: '2027-02-10T07:45:00Z',
      end: '2027-02-10T08:30:00Z',
      room: 'own',
    });
    expect(own.status).toBe(201);
    workshop = own.json.id;
    const hall = await host.post(sessions, {
      title: 'Открытие',
      start: '2027-02-10T07:00:00Z',
      end: '2027-02-10T07:30:00Z',
    });
    expect(hall.status).toBe(201);
    inHall = hall.json.id;
    clock.set(at('07:50'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a teacher joins and leaves the session’s own room, then the stay is the event’s attendance, marked with the session, and the hall’s status is untouched', async () => {
    const teacher = userId(MSK_TEACHER);
    const joined = await postWebhook(app, 'participant_joined', {
      room: sessionRoom(workshop),
      at: at('07:50'),
      participant: { sid: 'PA_workshop_1', identity: teacher, joinedAt: at('07:50') },
    });
    expect(joined).toMatchObject({ status: 200, json: { handled: true } });
    expect(await stays()).toEqual([
      {
        participantSid: 'PA_workshop_1',
        identity: teacher,
        leftAt: null,
        programmeSessionId: workshop,
        breakout: null,
      },
    ]);
    const event = await app.ctx.db
      .selectFrom('events')
      .select('roomStatus')
      .where('id', '=', conference.id)
      .executeTakeFirstOrThrow();
    expect(event.roomStatus).not.toBe('open');

    // The main hall's room finishing does not end a stay in the session's room.
    await postWebhook(app, 'room_finished', { room: conference.id, at: at('08:00') });
    expect((await stays())[0]!.leftAt).toBeNull();

    clock.set(at('08:20'));
    await postWebhook(app, 'participant_left', {
      room: sessionRoom(workshop),
      at: at('08:20'),
      participant: { sid: 'PA_workshop_1', identity: teacher, joinedAt: at('07:50') },
    });
    const report = await host.get(`/api/events/${conference.id}/attendance`);
    expect(report.status).toBe(200);
    const line = report.json.items.find((i: { userId: string }) => i.userId === teacher);
    expect(line).toMatchObject({ attended: true, present: false, minutes: 30 });
    expect(line.sessions).toEqual([
      {
        joinedAt: at('07:50').toISOString(),
        leftAt: at('08:20').toISOString(),
        team: null,
        programmeSessionId: workshop,
      },
    ]);
  });

  it('when the session’s room finishes, then the stays still open there end, and only those', async () => {
    const teacher = userId(MSK_TEACHER);
    await postWebhook(app, 'participant_joined', {
      room: conference.id,
      at: at('08:21'),
      participant: { sid: 'PA_hall_1', identity: teacher, joinedAt: at('08:21') },
    });
    await postWebhook(app, 'participant_joined', {
      room: sessionRoom(workshop),
      at: at('08:22'),
      participant: { sid: 'PA_workshop_2', identity: teacher, joinedAt: at('08:22') },
    });
    clock.set(at('08:30'));
    await postWebhook(app, 'room_finished', { room: sessionRoom(workshop), at: at('08:30') });
    const bySid = new Map((await stays()).map((s) => [s.participantSid, s]));
    expect(bySid.get('PA_workshop_2')!.leftAt).toEqual(at('08:30'));
    expect(bySid.get('PA_hall_1')!.leftAt).toBeNull();
  });

  it('when someone is in the room of a session that has none of its own, or of no session, then it is not attendance', async () => {
    for (const [sid, room] of [
      ['PA_hall_session', sessionRoom(inHall)],
      ['PA_no_session', sessionRoom('00000000-0000-4000-8000-000000000000')],
    ] as const) {
      const res = await postWebhook(app, 'participant_joined', {
        room,
        at: at('08:31'),
        participant: { sid, identity: userId(MSK_TEACHER), joinedAt: at('08:31') },
      });
      expect(res.status).toBe(200);
      expect((await stays()).map((s) => s.participantSid)).not.toContain(sid);
    }
  });
});
