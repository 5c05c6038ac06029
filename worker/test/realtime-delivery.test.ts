import { createLogger } from '@telemost/server/lib/logger';
import { createProducerConnection } from '@telemost/server/redis/queue-connections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsByLabel } from '../../api/test/support/socket-client.ts';
import { sendNotice } from '../src/notices/send-notice.ts';
import { createRealtimeEmitter } from '../src/realtime.ts';
import { sendReminder } from '../src/reminders/send-reminder.ts';
import { createEvent } from './support/create-event.ts';
import { startSocketServer } from './support/socket-server.ts';
import { openSeededDatabase, type SeededDatabase } from './support/test-database.ts';
import { dropPrefix, startTestWorker, TEST_REDIS_URL } from './support/test-worker.ts';
import { sleep, waitFor } from './support/wait-for.ts';

/** A notification of core's contract; the label names it in the test. */
const note = notificationsByLabel();

let database: SeededDatabase;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  database = await openSeededDatabase('postgres');
  worker = await startTestWorker(database, { config: { REMINDER_SWEEP_SECONDS: 3600 } });
});

afterAll(async () => {
  await worker?.close();
  await dropPrefix(worker?.prefix ?? 'none');
  await database?.close();
});

/** The worker's context with its pushes going to a Redis that is not there. */
function withRedisAway() {
  const gone = createProducerConnection('redis://127.0.0.1:1', createLogger('silent'));
  return {
    ctx: {
      ...worker.ctx,
      realtime: createRealtimeEmitter(gone, createLogger('silent'), worker.ctx.env.QUEUE_PREFIX),
    },
    close: () => gone.disconnect(),
  };
}

describe('live in-app alerts', () => {
  it('when the push of a saved notice fails (Redis away), then the retry pushes it', async () => {
    const sockets = await startSocketServer(TEST_REDIS_URL);
    try {
      const event = await createEvent(database.db, { status: 'confirmed', outbox: false });
      const student = event.participants[1]!;
      const received = await sockets.connectAs(student.userId);
      const key = {
        eventId: event.id,
        userId: student.userId,
        kind: 'confirmed' as const,
        version: 1,
        actorId: null,
      };
      const away = withRedisAway();
      try {
        await expect(sendNotice(away.ctx, key)).rejects.toThrow();
      } finally {
        away.close();
      }
      // The first try saved the row; the alert never reached the page.
      const saved = await database.db
        .selectFrom('notifications')
        .select(['id', 'pushedAt'])
        .where('eventId', '=', event.id)
        .where('userId', '=', student.userId)
        .executeTakeFirstOrThrow();
      expect(saved.pushedAt).toBeNull();
      expect(received).toHaveLength(0);

      await sendNotice(worker.ctx, key);
      await waitFor('the pushed notice', () => received.length === 1);
      expect((received[0] as { id: string }).id).toBe(saved.id);
      // A third run has nothing left to do.
      await sendNotice(worker.ctx, key);
      await sleep(200);
      expect(received).toHaveLength(1);
    } finally {
      await sockets.close();
    }
  });

  it('when the push of a saved reminder fails (Redis away), then the retry pushes it', async () => {
    const sockets = await startSocketServer(TEST_REDIS_URL);
    try {
      const event = await createEvent(database.db, {
        status: 'confirmed',
        outbox: false,
        start: new Date(Date.now() + 10 * 60_000),
        reminderOffsets: [15],
      });
      const student = event.participants[1]!;
      const received = await sockets.connectAs(student.userId);
      const key = { eventId: event.id, userId: student.userId, offsetMinutes: 15, version: 1 };
      const away = withRedisAway();
      try {
        await expect(sendReminder(away.ctx, key)).rejects.toThrow();
      } finally {
        away.close();
      }
      expect(received).toHaveLength(0);
      await sendReminder(worker.ctx, key);
      await waitFor('the pushed reminder', () => received.length === 1);
    } finally {
      await sockets.close();
    }
  });
});

describe('socket.io channel under QUEUE_PREFIX', () => {
  it('when two deployments share one Redis with different prefixes, then each hears only its own broadcasts', async () => {
    const a = await startSocketServer(TEST_REDIS_URL, 'deploy-a');
    const b = await startSocketServer(TEST_REDIS_URL, 'deploy-b');
    const redis = createProducerConnection(TEST_REDIS_URL, createLogger('silent'));
    try {
      // The same user id on both (a staging database restored from production, say).
      const userId = crypto.randomUUID();
      const onA = await a.connectAs(userId);
      const onB = await b.connectAs(userId);
      createRealtimeEmitter(redis, createLogger('silent'), 'deploy-a').toUser(
        userId,
        'notification',
        note('n1'),
      );
      await createRealtimeEmitter(redis, createLogger('silent'), 'deploy-b').pushToUser(
        userId,
        'notification',
        note('n2'),
      );
      await waitFor('both pushes', () => onA.length === 1 && onB.length === 1);
      await sleep(200);
      expect(onA).toEqual([note('n1')]);
      expect(onB).toEqual([note('n2')]);
    } finally {
      redis.disconnect();
      await a.close();
      await b.close();
    }
  });
});
