/**
 * `npm run bench:reminders`: 10,000 reminders fall due within one minute on the real PostgreSQL
 * (a fresh database) and Redis (a queue prefix of its own). The worker runs in this process with
 * both channels on: in-app (notification row + socket.io push) and e-mail to a fast local SMTP
 * server. Lateness = when the SMTP server accepted the e-mail (the last step of a reminder) minus
 * when the reminder fell due. Prints p50/p99 lateness and throughput; exits non-zero when a
 * reminder is missing or doubled, or after a time limit.
 */

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type TEnv, ZEnvSchema } from '@telemost/api/config/env';
import { migrateToLatest, openDatabase } from '@telemost/api/db/database';
import { createLogger } from '@telemost/api/lib/logger';
import { seedDemoData } from '@telemost/api/seed/seed';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startWorker } from '../src/index.ts';
import { domainEventJob } from '../src/jobs/domain-event.ts';
import { ensureRemindersJob } from '../src/jobs/ensure-reminders.ts';
import { sendNoticeJob } from '../src/jobs/send-notice.ts';
import { sendReminderJob } from '../src/jobs/send-reminder.ts';
import { loadWorkerConfig } from '../src/worker-config.ts';
import { dropPrefix } from '../test/support/test-worker.ts';

const EVENTS = 1000;
const PER_EVENT = 10;
const TOTAL = EVENTS * PER_EVENT;
const WINDOW_MS = 60_000;
const LEAD_MS = 15_000;
const OFFSET_MINUTES = 15;
const TIME_LIMIT_MS = LEAD_MS + WINDOW_MS + 90_000;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const started = Date.now();
  const dbName = `telemost_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), max: 40 });
  const prefix = `bench-reminders-${randomBytes(4).toString('hex')}`;

  // A fast SMTP sink in its own process: it only notes when each message was accepted.
  const sink = fork(path.join(import.meta.dirname, 'smtp-sink-process.ts'), { stdio: 'inherit' });
  const ask = <T>(what: 'count' | 'all'): Promise<T> =>
    new Promise((resolve) => {
      sink.once('message', (m) => resolve(m as T));
      sink.send({ ask: what });
    });
  const smtpPort = await new Promise<number>((resolve) =>
    sink.once('message', (m) => resolve((m as { port: number }).port)),
  );

  let worker: Awaited<ReturnType<typeof startWorker>> | null = null;
  const cleanup = async () => {
    const t = Date.now();
    await worker?.close();
    if (process.env.BENCH_DEBUG) console.log(`  worker closed in ${Date.now() - t} ms`);
    await dropPrefix(prefix, REDIS_URL);
    sink.disconnect();
    await database.close();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  };
  const limit = setTimeout(() => {
    console.error(`bench:reminders gave up after ${TIME_LIMIT_MS / 1000} s`);
    void cleanup().finally(() => process.exit(1));
  }, TIME_LIMIT_MS);

  try {
    await migrateToLatest(database.db);
    await seedDemoData(database.db);
    const db = database.db;
    const inst = await db.selectFrom('institutions').select(['id', 'code']).execute();
    const msk = inst.find((i) => i.code === 'msk-26')!.id;
    const krg = inst.find((i) => i.code === 'krg-construction')!.id;
    const partnershipId = (await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id;
    // Half the people in Moscow (Russian), half in Karaganda (Kazakh): both languages and zones.
    const people = await db
      .insertInto('users')
      .values(
        Array.from({ length: EVENTS }, (_, i) => ({
          email: `bench${i}@telemost.example`,
          name: `Студент ${i}`,
          role: 'student',
          institutionId: i % 2 ? krg : msk,
          locale: i % 2 ? 'kk' : 'ru',
          passwordHash: 'bench-no-login',
        })),
      )
      .returning(['id', 'institutionId'])
      .execute();

    const t0 = Date.now() + LEAD_MS;
    const dueByEvent = new Map<string, number>();
    for (let from = 0; from < EVENTS; from += 250) {
      const batch = Array.from({ length: Math.min(250, EVENTS - from) }, (_, k) => from + k);
      const rows = await db
        .insertInto('events')
        .values(
          batch.map((i) => {
            const due = t0 + Math.floor((i * WINDOW_MS) / EVENTS);
            const start = new Date(due + OFFSET_MINUTES * 60_000);
            return {
              partnershipId,
              kind: 'joint_lesson',
              title: `Совместный урок ${i + 1}`,
              description: null,
              status: 'confirmed',
              startAt: start,
              endAt: new Date(start.getTime() + 90 * 60_000),
              organizerId: people[0]!.id,
              organizerInstitutionId: msk,
              originZone: 'Europe/Moscow',
              seriesId: null,
              seriesIndex: null,
              overrideNote: null,
              reminderOffsets: [OFFSET_MINUTES],
              updatedAt: new Date(),
            };
          }),
        )
        .returning(['id', 'startAt'])
        .execute();
      for (const r of rows) dueByEvent.set(r.id, new Date(r.startAt).getTime() - OFFSET_MINUTES * 60_000);
      await db
        .insertInto('eventInstitutions')
        .values(
          rows.flatMap((r) =>
            [msk, krg].map((id) => ({ eventId: r.id, institutionId: id, decision: 'confirmed' })),
          ),
        )
        .execute();
      await db
        .insertInto('eventParticipants')
        .values(
          rows.flatMap((r, k) =>
            Array.from({ length: PER_EVENT }, (_, j) => {
              const p = people[(from + k + j * 97) % people.length]!;
              return {
                eventId: r.id,
                userId: p.id,
                institutionId: p.institutionId!,
                groupId: null,
                role: 'student',
              };
            }),
          ),
        )
        .execute();
    }

    const env: TEnv = {
      ...ZEnvSchema.parse({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(24).toString('hex') }),
      REDIS_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_URL: 'https://telemost.example',
      LOG_LEVEL: 'warn',
    };
    // The events were written straight to the database, so the start-up sweep schedules all
    // 10,000 reminders: the same path that rebuilds them after Redis lost its data.
    const config = loadWorkerConfig();
    worker = await startWorker({
      env,
      database,
      logger: createLogger('warn'),
      queuePrefix: prefix,
      config: { ...config, REMINDER_SWEEP_SECONDS: 3600 },
      // Only what reminders need: no LiveKit here, so the room jobs stay out.
      jobs: [domainEventJob, sendReminderJob, sendNoticeJob, ensureRemindersJob],
    });
    const setupDone = Date.now();
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    if (process.env.BENCH_DEBUG) loop.enable();
    if (setupDone > t0)
      throw new Error(`setup took too long: the first reminder was due ${setupDone - t0} ms ago`);

    while ((await ask<{ count: number }>('count')).count < TOTAL) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const accepted = new Map<string, number[]>();
    for (const [id, at] of (await ask<{ accepted: [string, number][] }>('all')).accepted) {
      accepted.set(id, [...(accepted.get(id) ?? []), at]);
    }

    const lateness: number[] = [];
    let doubled = 0;
    let firstDue = Number.POSITIVE_INFINITY;
    let lastSent = 0;
    for (const [id, times] of accepted) {
      if (!id.startsWith('reminder-')) continue;
      if (times.length > 1) doubled++;
      const eventId = id.slice('reminder-'.length, 'reminder-'.length + 36);
      const due = dueByEvent.get(eventId)!;
      firstDue = Math.min(firstDue, due);
      lastSent = Math.max(lastSent, times[0]!);
      lateness.push(times[0]! - due);
    }
    if (process.env.BENCH_DEBUG) {
      console.log(
        `  event loop delay p50 ${Math.round(loop.percentile(50) / 1e6)} ms p99 ${Math.round(loop.percentile(99) / 1e6)} ms max ${Math.round(loop.max / 1e6)} ms`,
      );
      const { Queue } = await import('bullmq');
      const conn = new Redis(REDIS_URL);
      const q = new Queue('reminders', { connection: conn, prefix });
      const done = await q.getCompleted(0, 2000);
      const pick = done.map((j) => j.processedOn! - dueByEvent.get(j.data.eventId)!).sort((a, b) => a - b);
      const proc = done.map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
      console.log(
        `  pickup p50 ${percentile(pick, 50)} p99 ${percentile(pick, 99)}; processing p50 ${percentile(proc, 50)} p99 ${percentile(proc, 99)}`,
      );
      await q.close();
      conn.disconnect();
      const buckets = new Map<number, number[]>();
      for (const [id, times] of accepted) {
        if (!id.startsWith('reminder-')) continue;
        const due = dueByEvent.get(id.slice(9, 45))!;
        const b = Math.floor((due - firstDue) / 5000);
        buckets.set(b, [...(buckets.get(b) ?? []), times[0]! - due]);
      }
      for (const [b, l] of [...buckets].sort((x, y) => x[0] - y[0])) {
        l.sort((x, y) => x - y);
        console.log(
          `  ${b * 5}-${b * 5 + 5} s: p50 ${percentile(l, 50)} p99 ${percentile(l, 99)} max ${l[l.length - 1]}`,
        );
      }
    }
    lateness.sort((a, b) => a - b);
    const inApp = await db
      .selectFrom('remindersSent')
      .select(['eventId', 'sentAt'])
      .where('channel', '=', 'inapp')
      .execute();
    const inAppLateness = inApp
      .map((r) => new Date(r.sentAt).getTime() - dueByEvent.get(r.eventId)!)
      .sort((a, b) => a - b);

    console.log(
      `bench:reminders — ${TOTAL} reminders (${EVENTS} events × ${PER_EVENT} participants, ru and kk)`,
    );
    console.log(
      `due times spread evenly over ${WINDOW_MS / 1000} s; worker concurrency ${worker.ctx.config.WORKER_CONCURRENCY}`,
    );
    console.log(
      'channels: in-app (notification row + socket.io push) and e-mail to a local SMTP server (smtp-server in its own process)',
    );
    console.log(`setup (database, seed, scheduling): ${((setupDone - started) / 1000).toFixed(1)} s`);
    console.log(`lateness p50: ${percentile(lateness, 50)} ms`);
    console.log(`lateness p99: ${percentile(lateness, 99)} ms`);
    console.log(`lateness max: ${lateness[lateness.length - 1]} ms`);
    console.log(
      `in-app lateness p50: ${percentile(inAppLateness, 50)} ms, p99: ${percentile(inAppLateness, 99)} ms`,
    );
    console.log(
      `throughput: ${Math.round(TOTAL / ((lastSent - firstDue) / 1000))} reminders/s (first due → last sent; they fall due at ${Math.round(TOTAL / (WINDOW_MS / 1000))}/s)`,
    );
    console.log(
      `sent exactly once: ${lateness.length - doubled}/${TOTAL}${doubled ? ` (${doubled} doubled)` : ''}`,
    );
    if (doubled || lateness.length !== TOTAL || inApp.length !== TOTAL) process.exitCode = 1;
  } finally {
    clearTimeout(limit);
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
