import { demoEmail } from '@telemost/server/seed/demo-data';
import { reconcileRooms } from '@telemost/worker/rooms/reconcile-rooms';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorker } from '../../worker/test/support/test-worker.ts';
import { bookLesson, jwtPayload, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, postWebhook, startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import type { TestDriver } from './support/test-db.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);

async function until(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Connects with a token, as a browser would; LiveKit may put us out again at once. */
async function connectQuietly(url: string, token: string) {
  return connectSignal(url, token).catch(() => ({ close: async () => {} }));
}

/**
 * A real LiveKit and an api on `driver` with a lesson that runs now in real time (LiveKit's clock),
 * so the worker sees it as live; LiveKit posts its webhooks to the api when `liveKitWebhooks`.
 * Started before the describe block's tests, stopped after them.
 */
function liveLessonNow(driver: TestDriver, liveKitWebhooks: boolean) {
  const live = {} as { livekit: TestLiveKit; rooms: RoomServiceClient; app: TestApp; lesson: TBookedLesson };
  const clock = testClock(new Date(Date.now() - 60 * MIN));
  beforeAll(async () => {
    live.livekit = await startLiveKit();
    live.app = await startTestApp(driver, { env: live.livekit.env, now: clock.now });
    if (liveKitWebhooks) await live.livekit.start({ webhookUrl: `${live.app.url}/api/livekit/webhook` });
    live.rooms = new RoomServiceClient(live.livekit.httpUrl, live.livekit.apiKey, live.livekit.apiSecret);
    const start = new Date(Date.now() + 5 * MIN);
    const local = new Date(start.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
    live.lesson = await bookLesson(live.app, { localStart: local, durationMinutes: 45, anyTime: true });
    clock.set(new Date());
  });
  afterAll(async () => {
    await live.app?.stop();
    await live.livekit?.dispose();
  });
  return live;
}

describe.each([
  ['LiveKit reports the join (webhook)', true],
  ['no webhook arrives (the worker’s reconciliation)', false],
] as const)('a token minted before a cancel, when %s', (_name, withWebhook) => {
  const live = liveLessonNow('postgres', withWebhook);

  it('then the token lasts ten minutes, and once the event is cancelled the room it brings back is deleted', async () => {
    const { livekit, rooms, app, lesson } = live;
    const student = await app.as(lesson.krgStudent);
    const joined = await student.post(`/api/events/${lesson.id}/join`, {});
    expect(joined.status).toBe(200);
    const claims = jwtPayload(joined.json.token);
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(10 * 60);

    const cancelled = await (await app.as(MSK_TEACHER)).post(`/api/events/${lesson.id}/cancel`, {
      scope: 'this',
    });
    expect(cancelled.status).toBe(200);

    // The old token still connects, and LiveKit creates the room for it.
    const signal = await connectQuietly(livekit.url, joined.json.token);
    if (!withWebhook) {
      expect((await rooms.listRooms([lesson.id])).map((r) => r.name)).toEqual([lesson.id]);
      // The worker's periodic run, with nothing else open or due in this database.
      const worker = await startTestWorker(app.ctx.database, {
        env: { ...livekit.env, ROOM_RECONCILE_SECONDS: 3600 },
      });
      try {
        const outcome = await reconcileRooms(worker.ctx);
        expect(outcome.closed).toBe(1);
      } finally {
        await worker.close();
      }
    }
    await until('the room to be gone', async () => (await rooms.listRooms([lesson.id])).length === 0);
    // LiveKit put us out already; a close handshake it no longer answers must not hold the test.
    await Promise.race([signal.close(), new Promise((r) => setTimeout(r, 1000))]);
    const row = await app.ctx.db
      .selectFrom('events')
      .select(['status', 'roomStatus'])
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    expect(row.roomStatus).not.toBe('open');
    // Not counted as attendance of a cancelled event.
    const stays = await app.ctx.db
      .selectFrom('attendance')
      .select('id')
      .where('eventId', '=', lesson.id)
      .execute();
    expect(stays).toEqual([]);
  });
});

describe.each([
  ['LiveKit reports the join (webhook)', true],
  ['no webhook arrives (the worker’s reconciliation)', false],
] as const)('a token minted before its holder lost their seat, when %s', (_name, withWebhook) => {
  // The webhook, when there is one, is posted by the test with the seat's LiveKit sid.
  const live = liveLessonNow('pglite', false);

  it('then they are put out of the room and no stay is recorded', async () => {
    const { livekit, rooms, app, lesson } = live;
    const student = lesson.participants.get(lesson.krgStudent)!;
    const joined = await (await app.as(lesson.krgStudent)).post(`/api/events/${lesson.id}/join`, {});
    expect(joined.status).toBe(200);
    // The student is taken off the lesson after the token was minted.
    await app.ctx.db
      .deleteFrom('eventParticipants')
      .where('eventId', '=', lesson.id)
      .where('userId', '=', student.userId)
      .execute();
    const signal = await connectQuietly(livekit.url, joined.json.token);
    const [inRoom] = await rooms.listParticipants(lesson.id);
    expect(inRoom?.identity).toBe(student.userId);

    if (withWebhook) {
      await postWebhook(app.url, livekit, 'participant_joined', {
        room: lesson.id,
        participant: { sid: inRoom!.sid, identity: student.userId, name: 'student', joinedAt: new Date() },
      });
    } else {
      const worker = await startTestWorker(app.ctx.database, {
        env: { ...livekit.env, ROOM_RECONCILE_SECONDS: 3600 },
      });
      try {
        expect((await reconcileRooms(worker.ctx)).removed).toBe(1);
      } finally {
        await worker.close();
      }
    }
    await until('the student to be out', async () => (await rooms.listParticipants(lesson.id)).length === 0);
    await Promise.race([signal.close(), new Promise((r) => setTimeout(r, 1000))]);
    const stays = await app.ctx.db
      .selectFrom('attendance')
      .select('id')
      .where('eventId', '=', lesson.id)
      .execute();
    expect(stays).toEqual([]);
  });
});
