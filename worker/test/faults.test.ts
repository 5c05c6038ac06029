import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL } from '../../api/test/support/test-db.ts';
import { installationPrefix, loadInstallationId } from '../src/installation.ts';
import { reminderJobId } from '../src/reminders/reminder-job-id.ts';
import { createEvent } from './support/create-event.ts';
import { startTestRedis, type TestRedisServer } from './support/redis-server.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { openSeededDatabase, type SeededDatabase } from './support/test-database.ts';
import { sleep, waitFor } from './support/wait-for.ts';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

/**
 * Fault tests: the worker runs as its own process (`node worker/src/main.ts`) against a Redis
 * started by the test with AOF on, the real PostgreSQL and an in-process SMTP server. After each
 * fault every reminder that fell due was e-mailed exactly once and recorded once per channel.
 */

let database: SeededDatabase;
let sink: SmtpSink;
let redisServer: TestRedisServer;
let worker: WorkerProcess | null = null;
let prefix: string;

const isReminder = (raw: string) => /Message-ID:\s*<reminder-/.test(raw);

async function startWorkerProcess(): Promise<WorkerProcess> {
  worker = await spawnWorkerProcess({
    DATABASE_URL: database.url!,
    REDIS_URL: redisServer.url,
    SMTP_URL: sink.url,
    PUBLIC_URL: 'https://telemost.test',
    QUEUE_PREFIX: prefix,
    REMINDER_SWEEP_SECONDS: '2',
    OUTBOX_POLL_MS: '200',
    WORKER_CONCURRENCY: '20',
    WORKER_DB_POOL: '10',
    WORKER_METRICS_PORT: '0',
    SEED_DEMO: 'false',
  });
  return worker;
}

/** Books `events` confirmed events whose 1-minute reminder falls due in `dueInMs`. */
async function bookDueSoon(events: number, dueInMs: number) {
  const start = new Date(Date.now() + 60_000 + dueInMs);
  const created = [];
  for (let i = 0; i < events; i++) {
    created.push(
      await createEvent(database.db, { start, reminderOffsets: [1], title: `Fault drill ${i + 1}` }),
    );
  }
  const expected = created.flatMap((e) => e.participants.map((p) => `${e.id}|${p.email}`));
  return { created, expected, dueAt: start.getTime() - 60_000 };
}

/** Waits until every expected reminder arrived and nothing more came for a while, then checks "exactly once". */
async function expectEachSentOnce(created: { id: string }[], expected: string[], timeoutMs = 90_000) {
  const ids = new Set(created.map((e) => e.id));
  const mails = () =>
    sink.messages.filter((m) => {
      const id = /^<reminder-([0-9a-f-]{36})-/.exec(m.messageId)?.[1];
      return id !== undefined && ids.has(id);
    });
  const key = (m: { messageId: string; to: string }) =>
    `${/^<reminder-([0-9a-f-]{36})-/.exec(m.messageId)![1]}|${m.to}`;
  await waitFor(
    `${expected.length} reminders`,
    () => new Set(mails().map(key)).size >= expected.length,
    timeoutMs,
    100,
  );
  // Let retries and recovered jobs play out: anything sent twice would show up now.
  await sleep(3000);
  const got = mails().map(key).sort();
  expect(got).toEqual([...expected].sort());
  const rows = await database.db
    .selectFrom('remindersSent')
    .select(['eventId', 'channel'])
    .where(
      'eventId',
      'in',
      created.map((e) => e.id),
    )
    .execute();
  expect(rows.filter((r) => r.channel === 'email')).toHaveLength(expected.length);
  expect(rows.filter((r) => r.channel === 'inapp')).toHaveLength(expected.length);
  const notifications = await database.db
    .selectFrom('notifications')
    .select('id')
    .where('kind', '=', 'reminder')
    .where(
      'eventId',
      'in',
      created.map((e) => e.id),
    )
    .execute();
  expect(notifications).toHaveLength(expected.length);
}

beforeAll(async () => {
  database = await openSeededDatabase('postgres');
  sink = await startSmtpSink();
});

afterEach(async (context) => {
  sink.setPolicy(() => ({}));
  if (context.task.result?.state === 'fail' && worker) console.error(worker.output().slice(-20_000));
  await worker?.kill9();
  worker = null;
  await redisServer?.stop();
});

afterAll(async () => {
  await sink?.close();
  await database?.close();
});

describe('faults', () => {
  it('when the worker is killed with -9 while reminders are being sent, then after a restart each due reminder was sent exactly once', async () => {
    redisServer = await startTestRedis();
    prefix = `fault-kill-${randomBytes(3).toString('hex')}`;
    const first = await startWorkerProcess();
    // Reminder replies are held back 1.5 s, so at the kill several sends are in flight.
    sink.setPolicy((_n, raw) => (isReminder(raw) ? { delayMs: 1500 } : {}));
    const { created, expected } = await bookDueSoon(5, 4000);
    await waitFor('reminders in flight', () => sink.held() >= 5, 30_000, 20);
    await first.kill9();
    sink.setPolicy(() => ({}));
    await startWorkerProcess();
    await expectEachSentOnce(created, expected);
  });

  it('when a worker is killed with -9 mid-job while another runs, then the other finishes its jobs within a few seconds and logs the stall', async () => {
    redisServer = await startTestRedis();
    prefix = `fault-stall-${randomBytes(3).toString('hex')}`;
    const first = await startWorkerProcess();
    // The first worker's sends hang (no SMTP reply), so its jobs are mid-flight at the kill.
    sink.setPolicy((_n, raw) => (isReminder(raw) ? { delayMs: 120_000 } : {}));
    const { created, expected } = await bookDueSoon(1, 3000);
    await waitFor('reminders in flight', () => sink.held() >= expected.length, 30_000, 20);
    sink.setPolicy(() => ({}));
    const second = await spawnWorkerProcess({
      DATABASE_URL: database.url!,
      REDIS_URL: redisServer.url,
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://telemost.test',
      QUEUE_PREFIX: prefix,
      REMINDER_SWEEP_SECONDS: '3600',
      OUTBOX_POLL_MS: '200',
      WORKER_CONCURRENCY: '20',
      WORKER_DB_POOL: '10',
      WORKER_METRICS_PORT: '0',
      SEED_DEMO: 'false',
    });
    try {
      const killedAt = Date.now();
      await first.kill9();
      await expectEachSentOnce(created, expected, 30_000);
      const ids = new Set(created.map((e) => e.id));
      const lastAccepted = Math.max(
        ...sink.messages
          .filter((m) => ids.has(/^<reminder-([0-9a-f-]{36})-/.exec(m.messageId)?.[1] ?? ''))
          .map((m) => m.acceptedAt),
      );
      const recovery = lastAccepted - killedAt;
      expect(recovery, `recovered ${recovery} ms after the kill`).toBeLessThan(6000);
      expect(second.output()).toContain('job stalled');
    } finally {
      await second.kill9();
    }
  });

  it('when Redis is killed and restarted while reminders are due, then after it is back each was sent exactly once', async () => {
    redisServer = await startTestRedis();
    prefix = `fault-redis-${randomBytes(3).toString('hex')}`;
    await startWorkerProcess();
    const { created, expected } = await bookDueSoon(5, 5000);
    const probe = new Redis(redisServer.url);
    const queue = new Queue('reminders', {
      connection: probe,
      prefix: installationPrefix(prefix, await loadInstallationId(database.db)),
    });
    const ids = created.flatMap((e) =>
      e.participants.map((p) =>
        reminderJobId({ eventId: e.id, userId: p.userId, offsetMinutes: 1, version: 1 }),
      ),
    );
    await waitFor('the reminder jobs', async () =>
      (await Promise.all(ids.map((id) => queue.getJobState(id)))).every((s) => s === 'delayed'),
    );
    await queue.close();
    probe.disconnect();
    // AOF is fsynced every second: give it that second, then pull the plug past the due time.
    await sleep(1200);
    await redisServer.kill();
    await sleep(5000);
    await redisServer.start();
    await expectEachSentOnce(created, expected);
  });

  it('when Redis comes back empty, then the sweep re-creates the reminders from PostgreSQL and each is sent exactly once', async () => {
    redisServer = await startTestRedis();
    prefix = `fault-wipe-${randomBytes(3).toString('hex')}`;
    await startWorkerProcess();
    const { created, expected } = await bookDueSoon(3, 6000);
    await waitFor('the outbox rows relayed', async () => {
      const pending = await database.db
        .selectFrom('outbox')
        .select('id')
        .where(
          'aggregateId',
          'in',
          created.map((e) => e.id),
        )
        .where('dispatchedAt', 'is', null)
        .execute();
      return pending.length === 0;
    });
    await sleep(500);
    await redisServer.kill();
    await redisServer.startEmpty();
    await expectEachSentOnce(created, expected);
  });

  it('when PostgreSQL connections are cut again and again as reminders fall due, then each was sent exactly once', async () => {
    redisServer = await startTestRedis();
    prefix = `fault-pg-${randomBytes(3).toString('hex')}`;
    await startWorkerProcess();
    const { created, expected, dueAt } = await bookDueSoon(5, 4000);
    const dbName = new URL(database.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await sleep(Math.max(0, dueAt - Date.now() - 500));
    let cuts = 0;
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [dbName],
      );
      cuts += rowCount ?? 0;
      await sleep(250);
    }
    await admin.end();
    expect(cuts).toBeGreaterThan(0);
    await expectEachSentOnce(created, expected);
  }, 150_000);
});
