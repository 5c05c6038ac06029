import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { startOutboxRelay, type TOutboxRow } from '@telemost/server/outbox/outbox-relay';
import { writeOutbox } from '@telemost/server/outbox/record-change';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadEventSnapshot } from '../src/events/events.repository.ts';
import { noticeRecipients } from '../src/notices/plan-notices.ts';
import { changeEvent, createEvent } from './support/create-event.ts';
import { openSeededDatabase, type SeededDatabase } from './support/test-database.ts';
import { dropPrefix, startTestWorker, TEST_REDIS_URL, uniquePrefix } from './support/test-worker.ts';
import { sleep, waitFor } from './support/wait-for.ts';

/**
 * Job ids across database lifetimes: a database that starts again from nothing (or another
 * deployment's database on the same Redis and QUEUE_PREFIX) must not meet the completed jobs an
 * earlier one left under the same ids, and a job id taken by someone else's job is noticed.
 */

const open: { close: () => Promise<void> }[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(p);
});

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function noticeCounts(database: SeededDatabase, eventId: string) {
  const rows = await database.db
    .selectFrom('notifications')
    .select(['kind'])
    .where('eventId', '=', eventId)
    .execute();
  return {
    proposed: rows.filter((r) => r.kind === 'event.proposed').length,
    confirmed: rows.filter((r) => r.kind === 'event.confirmed').length,
  };
}

/** One database lifetime: book a proposal, confirm it, wait for every notice. */
async function bookAndConfirm(database: SeededDatabase, basePrefix: string) {
  const worker = await startTestWorker(database, {
    queuePrefix: basePrefix,
    config: { OUTBOX_POLL_MS: 100, REMINDER_SWEEP_SECONDS: 3600 },
  });
  open.push(worker);
  prefixes.push(worker.prefix);
  const dispatched = () =>
    waitFor('outbox dispatched', async () => {
      const pending = await database.db
        .selectFrom('outbox')
        .select('id')
        .where('dispatchedAt', 'is', null)
        .execute();
      return pending.length === 0;
    });
  // Each step waits for all its notices (or, on the bug, gives up after a while: they were dropped).
  const expected = { proposed: 0, confirmed: 0 };
  const arrived = async (kind: 'proposed' | 'confirmed') => {
    const snapshot = (await loadEventSnapshot(database.db, event.id))!;
    expected[kind] = (await noticeRecipients(worker.ctx, kind, snapshot, null)).length;
    await waitFor(
      `${kind} notices`,
      async () => (await noticeCounts(database, event.id))[kind] >= expected[kind],
      5000,
    ).catch(() => {});
  };
  const event = await createEvent(database.db, { status: 'proposed' });
  await dispatched();
  await arrived('proposed');
  await changeEvent(database.db, event.id, { kind: 'confirm' });
  await dispatched();
  await arrived('confirmed');
  await worker.close();
  open.pop();
  return { got: await noticeCounts(database, event.id), expected };
}

describe('job identity', () => {
  it('when the database is reset while Redis keeps its jobs (same QUEUE_PREFIX), then every notice of the new database arrives', async () => {
    const basePrefix = uniquePrefix('reset');
    prefixes.push(basePrefix);
    const first = await openSeededDatabase('postgres');
    const before = await bookAndConfirm(first, basePrefix);
    await first.close();
    expect(before.expected.proposed).toBeGreaterThan(0);
    expect(before.got).toEqual(before.expected);

    // A fresh database: its outbox counts from 1 again, Redis still holds the first one's jobs.
    const second = await openSeededDatabase('postgres');
    open.push(second);
    const after = await bookAndConfirm(second, basePrefix);
    expect(after.got).toEqual(after.expected);
  });

  it('when a job id is already taken by a job that is not ours, then it is logged and our job still runs', async () => {
    const database = await openSeededDatabase('postgres');
    open.push(database);
    const basePrefix = uniquePrefix('foreign');
    prefixes.push(basePrefix);
    const { logger, lines } = capturingLogger();
    const worker = await startTestWorker(database, {
      queuePrefix: basePrefix,
      logger,
      config: { OUTBOX_POLL_MS: 100, REMINDER_SWEEP_SECONDS: 3600 },
    });
    open.push(worker);
    const event = await createEvent(database.db, { status: 'proposed', outbox: false });
    const jobKey = crypto.randomUUID();
    // Someone else's job sits under the id our outbox row will use.
    const redis = new Redis(TEST_REDIS_URL);
    const queue = new Queue('domain-events', { connection: redis, prefix: worker.prefix });
    await queue.add(
      'domain-event',
      { outboxId: 1, topic: 'foreign.topic', aggregateId: null, payload: {} },
      { jobId: `outbox-${jobKey}`, delay: 3600_000 },
    );
    await database.db
      .insertInto('outbox')
      .values({
        topic: 'event.proposed',
        aggregateId: event.id,
        payload: JSON.stringify({ eventId: event.id, version: 1, actorId: null }),
        jobKey,
      })
      .execute();
    await waitFor('the proposal notices', async () => (await noticeCounts(database, event.id)).proposed > 0);
    expect(lines.join('')).toContain('job id already taken by a different job');
    await queue.close();
    redis.disconnect();
  });
});

describe('outbox relay', () => {
  it('when Redis does not answer, then no transaction is held open meanwhile and the rows go out once it answers', async () => {
    const database = await openSeededDatabase('pglite');
    open.push(database);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const pushed: TOutboxRow[] = [];
    const relay = startOutboxRelay({
      database,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      enqueue: async (rows) => {
        await gate;
        pushed.push(...rows);
      },
    });
    open.push(relay);
    await database.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: 'event.updated',
        aggregateId: 'test.hang',
        payload: { eventId: randomUUID(), version: 1, actorId: null },
      }),
    );
    await sleep(200);
    // PGlite has one connection: a transaction held across the push would block this query.
    const t0 = Date.now();
    await database.db.selectFrom('users').select('id').limit(1).execute();
    expect(Date.now() - t0).toBeLessThan(100);
    release();
    await waitFor('dispatched', async () =>
      database.db
        .selectFrom('outbox')
        .select('id')
        .where('aggregateId', '=', 'test.hang')
        .where('dispatchedAt', 'is not', null)
        .executeTakeFirst(),
    );
    expect(pushed.filter((r) => r.aggregateId === 'test.hang')).toHaveLength(1);
  });

  it('when the relay dies after pushing but before marking, then after the lease the row is pushed again under the same job id', async () => {
    const database = await openSeededDatabase('postgres');
    open.push(database);
    await database.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: 'event.updated',
        aggregateId: 'test.lease',
        payload: { eventId: randomUUID(), version: 1, actorId: null },
      }),
    );
    let shift = 0;
    const now = () => new Date(Date.now() + shift);
    const pushedKeys: string[] = [];
    // The first relay "dies" in the push: it does not return until the test is over, so it never
    // marks the row (its enqueue timeout is longer than this part of the test).
    let bury: (err: Error) => void = () => {};
    const dead = new Promise<void>((_, reject) => {
      bury = reject;
    });
    const dying = startOutboxRelay({
      database,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      now,
      enqueue: async (rows) => {
        pushedKeys.push(...rows.map((r) => r.jobKey));
        await dead;
      },
    });
    open.push({
      close: async () => {
        bury(new Error('dead'));
        await dying.close();
      },
    });
    await waitFor('first push', () => pushedKeys.length === 1);
    const row = await database.db
      .selectFrom('outbox')
      .select(['jobKey', 'claimedAt', 'dispatchedAt'])
      .where('aggregateId', '=', 'test.lease')
      .executeTakeFirstOrThrow();
    expect(row.claimedAt).not.toBeNull();
    expect(row.dispatchedAt).toBeNull();

    const second: string[] = [];
    const relay = startOutboxRelay({
      database,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      now,
      enqueue: async (rows) => {
        second.push(...rows.map((r) => r.jobKey));
      },
    });
    open.push(relay);
    await sleep(300);
    expect(second).toEqual([]); // the claim still holds
    shift = 31_000;
    await waitFor('re-push after the lease', () => second.length === 1);
    expect(second).toEqual([row.jobKey]);
    await waitFor('dispatched', async () =>
      database.db
        .selectFrom('outbox')
        .select('id')
        .where('aggregateId', '=', 'test.lease')
        .where('dispatchedAt', 'is not', null)
        .executeTakeFirst(),
    );
  });
});
