/**
 * `npm run bench:reminders`: 10,000 reminders fall due within one minute on the real PostgreSQL
 * (a fresh database) and Redis (a queue prefix of its own). The worker runs in this process with
 * both channels on: in-app (notification row + socket.io push) and e-mail to a fast local SMTP
 * server. Lateness = when the SMTP server accepted the e-mail (the last step of a reminder) minus
 * when the reminder fell due. Prints p50/p99 lateness and throughput; exits non-zero when a
 * reminder is missing or doubled, or after a time limit.
 *
 * `npm run bench:reminders:scale` (`-- --scale`): 100,000 reminders due within 10 minutes, handled
 * by two worker processes (`worker/src/main.ts`, as deployed: DATABASE_URL, LOG_LEVEL=info) against
 * a Redis started for the bench on a free port. Also prints how the reminders split between the
 * workers (from their per-job log lines) and the CPU each process used. BENCH_REMINDERS,
 * BENCH_WINDOW_S, BENCH_WORKERS (0: the worker runs in this process) and BENCH_LEAD_S override
 * either mode.
 */

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type TEnv, ZEnvSchema } from '@telemost/server/config/env';
import { migrateToLatest, openDatabase } from '@telemost/server/db/database';
import { createLogger } from '@telemost/server/lib/logger';
import { seedDemoData } from '@telemost/server/seed/seed';
import { Redis } from 'ioredis';
import pg from 'pg';
import { domainEventJob } from '../src/domain-events/domain-event.job.ts';
import { startWorker } from '../src/index.ts';
import { installationPrefix, loadInstallationId } from '../src/installation.ts';
import { sendNoticeJob } from '../src/notices/send-notice.job.ts';
import { ensureRemindersJob } from '../src/reminders/ensure-reminders.job.ts';
import { sendReminderJob } from '../src/reminders/send-reminder.job.ts';
import { loadWorkerConfig } from '../src/worker-config.ts';
import { dropPrefix } from '../test/support/test-worker.ts';

const SCALE = process.argv.includes('--scale');
const setting = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0)
    throw new Error(`${name} must be a whole number, got ${process.env[name]}`);
  return v;
};
const PER_EVENT = 10;
const EVENTS = Math.ceil(setting('BENCH_REMINDERS', SCALE ? 100_000 : 10_000) / PER_EVENT);
const TOTAL = EVENTS * PER_EVENT;
const WINDOW_MS = setting('BENCH_WINDOW_S', SCALE ? 600 : 60) * 1000;
/** Worker processes (`worker/src/main.ts`); 0: one worker inside this process. */
const WORKERS = setting('BENCH_WORKERS', SCALE ? 2 : 0);
/** From the seed to the first due time: time to start the workers and schedule every reminder. */
const LEAD_MS = setting('BENCH_LEAD_S', WORKERS ? 120 : 15) * 1000;
const OFFSET_MINUTES = 15;
const TIME_LIMIT_MS = LEAD_MS + WINDOW_MS + 90_000 + TOTAL;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLOCK_TICK_MS = 10; // Linux USER_HZ is 100
/** CPU time (user + system, ms) a process has used so far, from /proc; 0 where unreadable. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * CLOCK_TICK_MS;
  } catch {
    return 0;
  }
}
/** Busy and total CPU time (ms) of the whole machine, all cores, from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: (total - cpu[3]! - (cpu[4] ?? 0)) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS };
  } catch {
    return { busy: 0, total: 0 };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
/** A Redis of the bench's own on a free loopback port, without persistence: the scale runs' queues. */
async function startRedis(): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return { url, proc };
    } catch {
      probe.disconnect();
      if (i > 100) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** One worker process (`worker/src/main.ts`, as deployed) and what its per-job log lines said. */
type TWorkerProcess = {
  proc: ChildProcess;
  sent: number;
  stalled: number;
  warnings: number;
  /** Durations (ms) of the reminder sweeps (ensure-reminders) this worker ran. */
  sweeps: number[];
  problems: string[];
};

function startWorkerProcess(index: number, env: Record<string, string>): TWorkerProcess {
  const proc = spawn(process.execPath, ['worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: TWorkerProcess = { proc, sent: 0, stalled: 0, warnings: 0, sweeps: [], problems: [] };
  // The product's own info line per job ("job done", with its name): it says who sent what.
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    if (line.includes('"send-reminder"') && line.includes('"job done"')) w.sent++;
    else if (line.includes('"ensure-reminders"') && line.includes('"job done"'))
      w.sweeps.push(Number(/"ms":(\d+)/.exec(line)?.[1] ?? Number.NaN));
    else if (line.includes('"job stalled')) w.stalled++;
    if (/"level":(40|50|60)/.test(line)) {
      w.warnings++;
      if (w.problems.length < 20) w.problems.push(line);
    }
  });
  createInterface({ input: proc.stderr! }).on('line', (line) =>
    console.error(`worker ${index + 1}: ${line}`),
  );
  proc.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`worker ${index + 1} exited with ${code ?? signal}`);
  });
  return w;
}

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
  // The scale mode's workers get a Redis of their own; the in-process mode uses REDIS_URL's.
  const ownRedis = WORKERS ? await startRedis() : null;
  const REDIS_URL = ownRedis?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

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
  const processes: TWorkerProcess[] = [];
  const cleanup = async () => {
    const t = Date.now();
    await worker?.close();
    await Promise.all(
      processes.map(async ({ proc }) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        await once(proc, 'exit');
      }),
    );
    if (process.env.BENCH_DEBUG) console.log(`  worker closed in ${Date.now() - t} ms`);
    if (ownRedis) {
      ownRedis.proc.kill('SIGTERM');
      await once(ownRedis.proc, 'exit');
    } else await dropPrefix(prefix, REDIS_URL);
    sink.disconnect();
    await database.close();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  };
  const limit = setTimeout(() => {
    console.error(`bench:reminders gave up after ${Math.round(TIME_LIMIT_MS / 1000)} s`);
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
    // One person per event; each event has ten of them. Multi-row INSERTs, 1,000 rows each.
    const people: { id: string; institutionId: string | null }[] = [];
    for (let from = 0; from < EVENTS; from += 1000) {
      people.push(
        ...(await db
          .insertInto('users')
          .values(
            Array.from({ length: Math.min(1000, EVENTS - from) }, (_, k) => {
              const i = from + k;
              return {
                email: `bench${i}@telemost.example`,
                name: `Студент ${i}`,
                role: 'student',
                institutionId: i % 2 ? krg : msk,
                locale: i % 2 ? 'kk' : 'ru',
                passwordHash: 'bench-no-login',
              };
            }),
          )
          .returning(['id', 'institutionId'])
          .execute()),
      );
    }

    const t0 = Date.now() + LEAD_MS;
    const dueByEvent = new Map<string, number>();
    const BATCH = WORKERS ? 1000 : 250;
    for (let from = 0; from < EVENTS; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, k) => from + k);
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
    const seeded = Date.now();

    const secret = () => randomBytes(24).toString('hex');
    const env: TEnv = {
      ...ZEnvSchema.parse({
        NODE_ENV: 'production',
        SESSION_SECRET: secret(),
        PUBLIC_URL: 'https://telemost.example',
        LIVEKIT_API_KEY: 'bench',
        LIVEKIT_API_SECRET: secret(),
        METRICS_TOKEN: secret(),
      }),
      REDIS_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_URL: 'https://telemost.example',
      LOG_LEVEL: 'warn',
    };
    // The events were written straight to the database, so the start-up sweep (ensure-reminders,
    // run once per slot by whichever worker takes it) schedules all the reminders: the same path
    // that rebuilds them after Redis lost its data.
    let schedulerPrefix: string;
    if (WORKERS) {
      // Deployed as in production: NODE_ENV=production, info logs, every job of the registry (no
      // LiveKit here: the room jobs find nothing to do for these events), default worker settings
      // unless the environment sets them.
      for (let i = 0; i < WORKERS; i++) {
        processes.push(
          startWorkerProcess(i, {
            NODE_ENV: 'production',
            DATABASE_URL: url.toString(),
            REDIS_URL,
            QUEUE_PREFIX: prefix,
            SMTP_URL: env.SMTP_URL!,
            PUBLIC_URL: 'https://telemost.example',
            SESSION_SECRET: secret(),
            METRICS_TOKEN: secret(),
            LIVEKIT_API_KEY: 'bench',
            LIVEKIT_API_SECRET: secret(),
            LIVEKIT_URL: 'ws://127.0.0.1:9',
            LOG_LEVEL: 'info',
            WORKER_METRICS_PORT: '0',
          }),
        );
      }
      schedulerPrefix = installationPrefix(prefix, await loadInstallationId(db));
    } else {
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
      schedulerPrefix = worker.ctx.prefix;
    }
    const { Queue } = await import('bullmq');
    const queueConn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const remindersQueue = new Queue('reminders', { connection: queueConn, prefix: schedulerPrefix });
    // Every reminder must be in the queue before the first falls due, or the figures measure the seed.
    let scheduled = 0;
    while (Date.now() < t0) {
      const c = await remindersQueue.getJobCounts('delayed', 'wait', 'active', 'completed', 'failed');
      scheduled = Object.values(c).reduce((a, b) => a + b, 0);
      if (scheduled >= TOTAL) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const setupDone = Date.now();
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    if (process.env.BENCH_DEBUG) loop.enable();
    if (setupDone > t0 || scheduled < TOTAL)
      throw new Error(
        `setup took too long: ${scheduled}/${TOTAL} reminders in the queue when the first fell due (raise BENCH_LEAD_S)`,
      );
    const cpu0 = processes.map((w) => cpuMs(w.proc.pid));
    const sinkCpu0 = cpuMs(sink.pid);
    const redisCpu0 = cpuMs(ownRedis?.proc.pid);
    const machine0 = machineCpuMs();
    const load0 = loadavg()[0]!;

    let lastProgress = Date.now();
    for (;;) {
      const { count } = await ask<{ count: number }>('count');
      if (count >= TOTAL) break;
      if (WORKERS && Date.now() - lastProgress >= 60_000) {
        lastProgress = Date.now();
        console.log(
          `  … ${count}/${TOTAL} e-mails accepted, ${Math.round((Date.now() - t0) / 1000)} s after the first due time`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const cpu1 = processes.map((w) => cpuMs(w.proc.pid));
    const sinkCpu1 = cpuMs(sink.pid);
    const redisCpu1 = cpuMs(ownRedis?.proc.pid);
    const machine1 = machineCpuMs();
    const load1 = loadavg()[0]!;
    // Time for a doubled send (a retry, a stalled job run again) to show up before counting.
    await new Promise((r) => setTimeout(r, WORKERS ? 5000 : 1000));
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
      const done = await remindersQueue.getCompleted(0, 2000);
      const pick = done.map((j) => j.processedOn! - dueByEvent.get(j.data.eventId)!).sort((a, b) => a - b);
      const proc = done.map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
      console.log(
        `  pickup p50 ${percentile(pick, 50)} p99 ${percentile(pick, 99)}; processing p50 ${percentile(proc, 50)} p99 ${percentile(proc, 99)}`,
      );
      const buckets = new Map<number, number[]>();
      const bucketMs = Math.max(5000, WINDOW_MS / 12);
      for (const [id, times] of accepted) {
        if (!id.startsWith('reminder-')) continue;
        const due = dueByEvent.get(id.slice(9, 45))!;
        const b = Math.floor((due - firstDue) / bucketMs);
        buckets.set(b, [...(buckets.get(b) ?? []), times[0]! - due]);
      }
      for (const [b, l] of [...buckets].sort((x, y) => x[0] - y[0])) {
        l.sort((x, y) => x - y);
        console.log(
          `  ${(b * bucketMs) / 1000}-${((b + 1) * bucketMs) / 1000} s: p50 ${percentile(l, 50)} p99 ${percentile(l, 99)} max ${l[l.length - 1]}`,
        );
      }
    }
    await remindersQueue.close();
    queueConn.disconnect();
    lateness.sort((a, b) => a - b);
    const inApp = await db
      .selectFrom('remindersSent')
      .select(['eventId', 'sentAt'])
      .where('channel', '=', 'inapp')
      .execute();
    const inAppLateness = inApp
      .map((r) => new Date(r.sentAt).getTime() - dueByEvent.get(r.eventId)!)
      .sort((a, b) => a - b);
    const notifications = Number(
      (
        await db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('kind', '=', 'reminder')
          .executeTakeFirstOrThrow()
      ).n,
    );

    console.log(
      `bench:reminders — ${TOTAL} reminders (${EVENTS} events × ${PER_EVENT} participants, ru and kk)`,
    );
    console.log(
      WORKERS
        ? `due times spread evenly over ${WINDOW_MS / 1000} s; ${WORKERS} worker processes (worker/src/main.ts, NODE_ENV=production, LOG_LEVEL=info, concurrency ${loadWorkerConfig().WORKER_CONCURRENCY} each), Redis of their own`
        : `due times spread evenly over ${WINDOW_MS / 1000} s; worker concurrency ${worker!.ctx.config.WORKER_CONCURRENCY}`,
    );
    console.log(
      'channels: in-app (notification row + socket.io push) and e-mail to a local SMTP server (smtp-server in its own process)',
    );
    console.log(
      `setup: seed ${((seeded - started) / 1000).toFixed(1)} s, then workers started and every reminder scheduled by the sweep in ${((setupDone - seeded) / 1000).toFixed(1)} s`,
    );
    console.log(`lateness p50: ${percentile(lateness, 50)} ms`);
    console.log(`lateness p99: ${percentile(lateness, 99)} ms`);
    console.log(`lateness max: ${lateness[lateness.length - 1]} ms`);
    console.log(
      `in-app lateness p50: ${percentile(inAppLateness, 50)} ms, p99: ${percentile(inAppLateness, 99)} ms`,
    );
    console.log(
      `throughput: ${Math.round(TOTAL / ((lastSent - firstDue) / 1000))} reminders/s (first due → last sent; they fall due at ${Math.round(TOTAL / (WINDOW_MS / 1000))}/s)`,
    );
    if (WORKERS) {
      const runS = (lastSent - firstDue) / 1000;
      console.log(
        `split between the workers: ${processes.map((w) => w.sent).join(' / ')} send-reminder jobs done${processes.some((w) => w.stalled) ? `; stalled and re-run: ${processes.map((w) => w.stalled).join(' / ')}` : ''}`,
      );
      console.log(
        `CPU while sending (${runS.toFixed(0)} s): ${processes.map((w, i) => `worker ${i + 1} ${((cpu1[i]! - cpu0[i]!) / 1000).toFixed(1)} s (${((cpu1[i]! - cpu0[i]!) / w.sent || 0).toFixed(2)} ms/reminder)`).join(', ')}, SMTP sink ${((sinkCpu1 - sinkCpu0) / 1000).toFixed(1)} s, Redis ${((redisCpu1 - redisCpu0) / 1000).toFixed(1)} s`,
      );
      console.log(
        `reminder sweeps (ensure-reminders, every REMINDER_SWEEP_SECONDS): ${processes.map((w, i) => `worker ${i + 1} ran ${w.sweeps.length}${w.sweeps.length ? ` (${w.sweeps.join(', ')} ms)` : ''}`).join('; ')}`,
      );
      console.log(
        `warnings and errors logged: ${processes.map((w) => w.warnings).join(' / ')}${processes.some((w) => w.warnings) ? '; the first few:' : ''}`,
      );
      for (const [i, w] of processes.entries())
        for (const line of w.problems.slice(0, 5))
          console.log(`  worker ${i + 1} said: ${line.slice(0, 300)}`);
    }
    const busy = machine1.busy - machine0.busy;
    console.log(
      `machine while sending: ${availableParallelism()} cores, ${busy ? Math.round((100 * busy) / (machine1.total - machine0.total)) : '?'}% busy, load average ${load0.toFixed(1)} at the first due time and ${load1.toFixed(1)} at the last send (other processes included)`,
    );
    console.log(
      `sent exactly once: ${lateness.length - doubled}/${TOTAL}${doubled ? ` (${doubled} doubled)` : ''}; in-app ${inApp.length}/${TOTAL} (${notifications} notifications)`,
    );
    if (doubled || lateness.length !== TOTAL || inApp.length !== TOTAL || notifications !== TOTAL) {
      console.error(
        `FAILED: ${TOTAL - lateness.length} e-mails missing, ${doubled} doubled, ${TOTAL - inApp.length} in-app missing, ${notifications} notifications for ${TOTAL}`,
      );
      process.exitCode = 1;
    }
  } finally {
    clearTimeout(limit);
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
