import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, liveKitForFile, postWebhook } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

const livekit = liveKitForFile();

describe.each(DRIVERS)('ending a lesson for everyone (%s)', (driver) => {
  let app: TestApp;
  let lesson: TBookedLesson;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  const at = (minutesFromStart: number) => new Date(lesson.start.getTime() + minutesFromStart * MIN);
  const end = async (email: string, eventId = lesson.id) =>
    (await app.as(email)).post(`/api/events/${eventId}/end`);

  beforeAll(async () => {
    app = await startTestApp(driver, { env: livekit.env, now: clock.now });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a student of the lesson or a teacher of an uninvolved college asks to end it, then 403 problem+json and the lesson goes on', async () => {
    clock.set(at(5));
    for (const email of [lesson.krgStudent, demoEmail('teacher', 'msk-23', 1)]) {
      const res = await end(email);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.code).toBe('forbidden');
    }
    expect((await (await app.as(lesson.krgStudent)).post(`/api/events/${lesson.id}/join`)).status).toBe(200);
  });

  it('when the teacher ends the lesson, then LiveKit no longer has the room, open stays end at that moment and the room is closed', async () => {
    const teacher = lesson.participants.get(MSK_TEACHER)!;
    const student = lesson.participants.get(lesson.krgStudent)!;
    clock.set(at(1));
    await postWebhook(app.url, livekit, 'participant_joined', {
      room: lesson.id,
      participant: {
        sid: 'PA_teacher',
        identity: teacher.userId,
        joinedAt: at(1),
      },
    });
    await postWebhook(app.url, livekit, 'participant_joined', {
      room: lesson.id,
      participant: {
        sid: 'PA_student',
        identity: student.userId,
        joinedAt: at(2),
      },
    });
    clock.set(at(10));
    const token = (await (await app.as(lesson.krgStudent)).post(`/api/events/${lesson.id}/join`)).json.token;
    const signal = await connectSignal(livekit.url, token);
    try {
      expect((await livekit.rooms.listRooms([lesson.id])).map((r) => r.name)).toEqual([lesson.id]);
      const res = await end(MSK_TEACHER);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        eventId: lesson.id,
        endedAt: at(10).toISOString(),
        endedBy: teacher.userId,
        ended: true,
        roomDeleted: true,
        staysClosed: 2,
      });
      expect(await livekit.rooms.listRooms([lesson.id])).toEqual([]);
    } finally {
      // Deleting the room already closed the socket from LiveKit's side; do not wait on it long.
      await Promise.race([signal.close(), new Promise((r) => setTimeout(r, 1000))]);
    }
    const event = await app.ctx.db
      .selectFrom('events')
      .select(['roomStatus', 'status', 'version'])
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ roomStatus: 'closed', status: 'confirmed' });
    const audit = await app.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityId', '=', lesson.id)
      .where('action', '=', 'live.lesson_ended')
      .execute();
    expect(audit).toEqual([{ action: 'live.lesson_ended', actorId: teacher.userId }]);
    const outbox = await app.ctx.db
      .selectFrom('outbox')
      .select(['topic'])
      .where('aggregateId', '=', lesson.id)
      .where('topic', '=', 'event.lesson_ended')
      .execute();
    expect(outbox).toHaveLength(1);
  });

  it('when LiveKit then reports everyone left and the room finished, then attendance keeps the durations up to the end, counted once', async () => {
    const teacher = lesson.participants.get(MSK_TEACHER)!;
    const student = lesson.participants.get(lesson.krgStudent)!;
    clock.set(at(12));
    await postWebhook(app.url, livekit, 'participant_left', {
      room: lesson.id,
      participant: {
        sid: 'PA_teacher',
        identity: teacher.userId,
        joinedAt: at(1),
      },
    });
    await postWebhook(app.url, livekit, 'participant_left', {
      room: lesson.id,
      participant: {
        sid: 'PA_student',
        identity: student.userId,
        joinedAt: at(2),
      },
    });
    await postWebhook(app.url, livekit, 'room_finished', { room: lesson.id });
    const coordinator = await app.as(KRG_COORDINATOR);
    const report = await coordinator.get(`/api/events/${lesson.id}/attendance`);
    expect(report.status).toBe(200);
    expect(report.json.endedAt).toBe(at(10).toISOString());
    expect(report.json.roomStatus).toBe('closed');
    const line = (userId: string) => report.json.items.find((i: { userId: string }) => i.userId === userId);
    expect(line(teacher.userId)).toMatchObject({
      attended: true,
      present: false,
      minutes: 9,
      seconds: 540,
      lastLeftAt: at(10).toISOString(),
      sessions: [{ joinedAt: at(1).toISOString(), leftAt: at(10).toISOString() }],
    });
    expect(line(student.userId)).toMatchObject({ minutes: 8, seconds: 480, present: false });

    const csv = await coordinator.get(`/api/events/${lesson.id}/attendance?format=csv&lang=en`);
    // Demo names have no commas or quotes, so a plain split reads these rows.
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]!.at(-1)).toBe('Seconds');
    const seconds = Object.fromEntries(rows.slice(1).map((r) => [r[0], r.at(-1)]));
    const names = await app.ctx.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [teacher.userId, student.userId])
      .execute();
    expect(names.map((n) => seconds[n.name]).sort()).toEqual(['480', '540']);
  });

  it('when the lesson is ended again (by the partner college’s coordinator), then nothing changes: same end, no second audit or outbox row', async () => {
    clock.set(at(20));
    const res = await end(KRG_COORDINATOR);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      endedAt: at(10).toISOString(),
      endedBy: lesson.participants.get(MSK_TEACHER)!.userId,
      ended: false,
      roomDeleted: false,
      staysClosed: 0,
    });
    const rows = await app.ctx.db
      .selectFrom('auditLog')
      .select('id')
      .where('entityId', '=', lesson.id)
      .where('action', '=', 'live.lesson_ended')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('when anyone asks to join after the end, even inside the scheduled time, then 403 lesson_ended with the moment it ended', async () => {
    clock.set(at(30));
    for (const email of [lesson.krgStudent, MSK_TEACHER]) {
      const res = await (await app.as(email)).post(`/api/events/${lesson.id}/join`);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ code: 'lesson_ended', endedAt: at(10).toISOString() });
    }
  });

  it('when the lesson page is opened after the end, then the event says when it ended (the page shows joining closed)', async () => {
    const res = await (await app.as(lesson.krgStudent)).get(`/api/events/${lesson.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'confirmed', endedAt: at(10).toISOString() });
  });

  it('when a join from before the end is reported late, then that stay ends at the end too', async () => {
    const mskStudent = lesson.participants.get(lesson.mskStudent)!;
    await postWebhook(app.url, livekit, 'participant_joined', {
      room: lesson.id,
      participant: {
        sid: 'PA_late',
        identity: mskStudent.userId,
        joinedAt: at(5),
      },
    });
    const row = await app.ctx.db
      .selectFrom('attendance')
      .select(['leftAt'])
      .where('participantSid', '=', 'PA_late')
      .executeTakeFirstOrThrow();
    expect(new Date(row.leftAt!).toISOString()).toBe(at(10).toISOString());
    expect(await livekit.rooms.listRooms([lesson.id])).toEqual([]);
  });

  it('when the lesson is not confirmed, or its room is not due yet, then 409; when there is no such event, then 404', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const proposed = await bookLesson(app, { localStart: '2027-02-11T10:00', confirm: false });
    const confirmed = await bookLesson(app, { localStart: '2027-02-12T10:00' });
    clock.set(new Date(proposed.start.getTime() + 5 * MIN));
    const notConfirmed = await end(MSK_TEACHER, proposed.id);
    expect(notConfirmed.status).toBe(409);
    expect(notConfirmed.json).toMatchObject({ code: 'invalid_state', eventStatus: 'proposed' });
    clock.set(new Date(confirmed.start.getTime() - 60 * MIN));
    const early = await end(MSK_TEACHER, confirmed.id);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('invalid_state');
    expect((await end(MSK_TEACHER, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
