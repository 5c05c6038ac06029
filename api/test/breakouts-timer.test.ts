import { breakoutRoomName } from '@telemost/core/schemas/classroom';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { endBreakoutsJob } from '@telemost/worker/classroom/end-breakouts.job';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorker } from '../../worker/test/support/test-worker.ts';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { connectSocket, sessionCookie, type TestSocket } from './support/socket-client.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the breakouts’ timer (the worker ends the teams when it runs out)', () => {
  let livekit: TestLiveKit;
  let rooms: RoomServiceClient;
  let app: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let lesson: TBookedLesson;
  let teacher: TestClient;
  let watcher: TestSocket;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    livekit = await startLiveKit();
    rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    app = await startTestApp('pglite', { env: livekit.env, now: clock.now, attachRealtime });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    clock.set(new Date(lesson.start.getTime() + 5 * MIN));
    teacher = await app.as(MSK_TEACHER);
    watcher = await connectSocket(app.url, await sessionCookie(app.url, lesson.krgStudent));
    expect((await watcher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id })).ok).toBe(true);
    // The worker shares the api's clock and its socket.io channel (the same QUEUE_PREFIX).
    worker = await startTestWorker(app.ctx.database, {
      now: clock.now,
      queuePrefix: app.ctx.env.QUEUE_PREFIX,
      env: { ...livekit.env, QUEUE_PREFIX: app.ctx.env.QUEUE_PREFIX },
    });
  }, 180_000);
  afterAll(async () => {
    watcher?.close();
    await worker?.close();
    await app?.stop();
    await livekit?.dispose();
  });

  it('when the time set for the teams runs out, then the worker ends them: the team rooms are gone, clients are told to go back, and the audit says the timer did it', async () => {
    const started = await teacher.post(`/api/events/${lesson.id}/breakouts`, {
      count: 2,
      mix: 'colleges',
      durationMinutes: 1,
    });
    expect(started.status, started.text).toBe(201);
    const live = (await rooms.listRooms()).map((r) => r.name);
    expect(live).toContain(breakoutRoomName(lesson.id, 1));
    // The worker schedules the end for when the minute is up (a delayed job, one per round)…
    const id = `breakouts-end-${lesson.id}-${new Date(started.json.startedAt).getTime()}`;
    const queue = worker.queues.get('rooms')!;
    await until('the timer job', async () => Boolean(await queue.getJob(id)));
    const job = await queue.getJob(id);
    expect(await job!.getState()).toBe('delayed');
    expect(job!.delay).toBeGreaterThan(55_000);
    expect(job!.delay).toBeLessThanOrEqual(60_000);
    // …and when it comes (promoted now rather than waiting a real minute), the teams end.
    clock.set(new Date(clock.now().getTime() + MIN));
    await job!.promote();

    await until(
      'the teams to end',
      async () => !(await teacher.get(`/api/events/${lesson.id}/breakouts`)).json.active,
    );
    const left = (await rooms.listRooms()).map((r) => r.name);
    expect(left).not.toContain(breakoutRoomName(lesson.id, 1));
    expect(left).not.toContain(breakoutRoomName(lesson.id, 2));
    await until(
      'the push',
      () => watcher.received<{ active: boolean }>('breakouts:changed').at(-1)?.active === false,
    );
    const audit = await app.ctx.db
      .selectFrom('auditLog')
      .select(['actorId', 'data'])
      .where('entityId', '=', lesson.id)
      .where('action', '=', 'live.breakouts_ended')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBeNull();
    expect(audit[0]!.data).toMatchObject({ reason: 'timer', roomsDeleted: 2 });
  });

  it('when a host ended a round early and started another, then the first round’s timer ends nothing', async () => {
    const first = await teacher.post(`/api/events/${lesson.id}/breakouts`, {
      count: 2,
      mix: 'colleges',
      durationMinutes: 30,
    });
    expect(first.status).toBe(201);
    expect((await teacher.request('DELETE', `/api/events/${lesson.id}/breakouts`)).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 1000));
    const second = await teacher.post(`/api/events/${lesson.id}/breakouts`, { count: 2, mix: 'colleges' });
    expect(second.status).toBe(201);

    // The first round's timer, run now through the worker (as at its time, or redelivered).
    const queue = worker.queues.get('rooms')!;
    await worker.ctx.enqueue(
      endBreakoutsJob,
      { eventId: lesson.id, startedAt: first.json.startedAt },
      { jobId: `stale-timer-${lesson.id}` },
    );
    await until(
      'the stale timer to run',
      async () => (await (await queue.getJob(`stale-timer-${lesson.id}`))?.getState()) === 'completed',
    );
    const outcome = (await queue.getJob(`stale-timer-${lesson.id}`))?.returnvalue;
    expect(outcome).toMatchObject({ ended: false });
    expect((await teacher.get(`/api/events/${lesson.id}/breakouts`)).json.active).toBe(true);
    expect((await rooms.listRooms()).map((r) => r.name)).toContain(breakoutRoomName(lesson.id, 1));
  });
});
