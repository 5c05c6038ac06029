import { createLogger } from '@telemost/server/lib/logger';
import { createProducerConnection } from '@telemost/server/redis/queue-connections';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { createRealtimeEmitter } from '@telemost/worker/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { type StartedServer, startServer } from '../src/server.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import {
  connectSocket,
  notificationsByLabel,
  sessionCookie,
  type TestSocket,
} from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** A notification of core's contract; the label names it in the test. */
const note = notificationsByLabel();

async function waitFor<T>(what: string, check: () => T | null | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('realtime across api instances', () => {
  /** Instance A (started by the test harness) and B: same database, same Redis, own ports. */
  let a: TestApp;
  let b: StartedServer;
  let lesson: TBookedLesson;
  const sockets: TestSocket[] = [];
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  const socketOnB = async (email: string) => {
    const s = await connectSocket(b.url, await sessionCookie(a.url, email));
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    a = await startTestApp('postgres', { now: clock.now, attachRealtime });
    b = await startServer({
      env: a.ctx.env,
      database: a.ctx.database,
      logger: createLogger('silent'),
      now: clock.now,
      attachRealtime,
    });
    lesson = await bookLesson(a, { localStart: '2027-02-10T10:00' });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await b?.close();
    await a?.stop();
  });

  it('when a socket connects without a session, then it is refused', async () => {
    await expect(connectSocket(b.url, null)).rejects.toThrow('unauthenticated');
    await expect(connectSocket(b.url, 'telemost.sid=s%3Aforged.signature')).rejects.toThrow(
      'unauthenticated',
    );
  });

  it('when instance A pushes to a user connected to instance B, then the message arrives', async () => {
    const student = lesson.participants.get(lesson.krgStudent)!;
    const socket = await socketOnB(lesson.krgStudent);
    await sleep(100);
    // A notification as core's socket.io contract has it (the sender validates it).
    const n1 = {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'reminder',
      eventId: null,
      payload: {},
      createdAt: '2027-02-10T06:45:00.000Z',
      readAt: null,
    };
    a.ctx.realtime!.toUser(student.userId, 'notification', n1);
    await waitFor('notification on B', () => socket.received('notification').length === 1);
    expect(socket.received('notification')[0]).toEqual(n1);
  });

  it('when a participant watches the event on B, then event pushes from A reach them with the current room status in the reply', async () => {
    const socket = await socketOnB(lesson.krgStudent);
    const ack = await socket.request<{ ok: boolean; roomStatus: unknown }>('event:watch', {
      eventId: lesson.id,
    });
    expect(ack).toEqual({
      ok: true,
      roomStatus: { eventId: lesson.id, roomStatus: 'none', participants: [] },
    });
    a.ctx.realtime!.toEvent(lesson.id, 'event:changed', {
      eventId: lesson.id,
      status: 'confirmed',
      version: 1,
    });
    await waitFor('event:changed on B', () => socket.received('event:changed').length === 1);
  });

  it('when the worker emits through Redis, then a socket on either instance gets it', async () => {
    const teacher = lesson.participants.get(demoEmail('teacher', 'msk-26', 1))!;
    const onB = await socketOnB(demoEmail('teacher', 'msk-26', 1));
    const onA = await connectSocket(a.url, await sessionCookie(a.url, demoEmail('teacher', 'msk-26', 1)));
    sockets.push(onA);
    await sleep(100);
    const redis = createProducerConnection(
      a.ctx.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      createLogger('silent'),
    );
    try {
      createRealtimeEmitter(redis, createLogger('silent')).toUser(teacher.userId, 'notification', {
        id: '00000000-0000-4000-8000-000000000002',
        kind: 'reminder',
        eventId: null,
        payload: {},
        createdAt: '2027-02-10T06:45:00.000Z',
        readAt: null,
      });
      await waitFor('worker push on B', () => onB.received('notification').length === 1);
      await waitFor('worker push on A', () => onA.received('notification').length === 1);
    } finally {
      redis.disconnect();
    }
  });

  it('when another deployment shares the Redis under another QUEUE_PREFIX, then neither hears the other', async () => {
    // Same database here, so the same user ids: the worst case (a staging copy of production).
    const other = await startServer({
      env: { ...a.ctx.env, QUEUE_PREFIX: `other-${process.pid}` },
      database: a.ctx.database,
      logger: createLogger('silent'),
      now: clock.now,
      attachRealtime,
    });
    const redis = createProducerConnection(
      a.ctx.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      createLogger('silent'),
    );
    try {
      const email = demoEmail('teacher', 'msk-26', 2);
      const { id: userId } = await a.ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const onB = await socketOnB(email);
      const onOther = await connectSocket(other.url, await sessionCookie(other.url, email));
      sockets.push(onOther);
      await sleep(100);
      a.ctx.realtime!.toUser(userId, 'notification', note('from-a'));
      other.ctx.realtime!.toUser(userId, 'notification', note('from-other'));
      createRealtimeEmitter(redis, createLogger('silent'), a.ctx.env.QUEUE_PREFIX).toUser(
        userId,
        'notification',
        note('worker-a'),
      );
      createRealtimeEmitter(redis, createLogger('silent'), `other-${process.pid}`).toUser(
        userId,
        'notification',
        note('worker-other'),
      );
      await waitFor('pushes on B', () => onB.received('notification').length >= 2);
      await waitFor('pushes on the other deployment', () => onOther.received('notification').length >= 2);
      await sleep(200);
      expect(onB.received('notification')).toEqual([note('from-a'), note('worker-a')]);
      expect(onOther.received('notification')).toEqual([note('from-other'), note('worker-other')]);
    } finally {
      redis.disconnect();
      await other.close();
    }
  });

  it('when someone who may not follow the event asks to watch it, then the reply refuses and nothing reaches them', async () => {
    const outsider = await socketOnB(demoEmail('student', 'msk-23', 1));
    const refused = await outsider.request<{ ok: boolean; code: string }>('event:watch', {
      eventId: lesson.id,
    });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const otherTeacher = await socketOnB(demoEmail('teacher', 'msk-23', 1));
    expect((await otherTeacher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id })).ok).toBe(
      false,
    );
    const bad = await outsider.request<{ ok: boolean; code: string }>('event:watch', { eventId: 'nope' });
    expect(bad).toMatchObject({ ok: false, code: 'validation_failed' });

    const watcher = await socketOnB(demoEmail('coordinator', 'krg-construction'));
    expect((await watcher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id })).ok).toBe(true);
    a.ctx.realtime!.toEvent(lesson.id, 'room:status', {
      eventId: lesson.id,
      roomStatus: 'open',
      participants: [],
    });
    await waitFor('room:status for the coordinator', () => watcher.received('room:status').length === 1);
    await sleep(200);
    expect(outsider.received('room:status')).toEqual([]);
    expect(otherTeacher.received('room:status')).toEqual([]);
  });
});
