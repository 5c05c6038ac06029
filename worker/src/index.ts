import { randomUUID } from 'node:crypto';
import type { TEnv } from '@telemost/server/config/env';
import type { DatabaseHandle } from '@telemost/server/db/database';
import type { Logger } from '@telemost/server/lib/logger';
import { startOutboxRelay } from '@telemost/server/outbox/outbox-relay';
import {
  checkEvictionPolicy,
  createProducerConnection,
  createWorkerConnection,
} from '@telemost/server/redis/queue-connections';
import { DEFAULT_REDIS_URL } from '@telemost/server/redis/redis';
import { type Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Registry } from 'prom-client';
import type { TEnqueue, TJobRef, TWorkerContext } from './context.ts';
import { jobId, type TJobDefinition } from './define-job.ts';
import { createTelegramSender } from './delivery/telegram-sender.ts';
import { domainEventJob } from './domain-events/domain-event.job.ts';
import { installationPrefix, loadInstallationId } from './installation.ts';
import { cappedBackoffDelay } from './job-options.ts';
import { jobs as allJobs } from './jobs/index.ts';
import { createLiveKitHealth } from './livekit-health.ts';
import { createMailer } from './mailer.ts';
import { createWorkerMetrics, type TWorkerMetrics } from './metrics.ts';
import { queueConcurrency } from './queues.ts';
import { createRealtimeEmitter } from './realtime.ts';
import { ensureRemindersJob } from './reminders/ensure-reminders.job.ts';
import { pruneRetentionJob, RETENTION_EVERY_MS } from './retention/prune-retention.job.ts';
import { closeRoomJob } from './rooms/close-room.job.ts';
import { openRoomJob } from './rooms/open-room.job.ts';
import { reconcileRoomsJob } from './rooms/reconcile-rooms.job.ts';
import { startRoomSweep } from './rooms/room-sweep.ts';
import { loadWorkerConfig, type TWorkerConfig } from './worker-config.ts';

export type { TWorkerContext } from './context.ts';
export { defineJob, jobId, type TJobDefinition } from './define-job.ts';

/**
 * How long a job's lock lasts without renewal (BullMQ renews it every half of this while the job
 * runs). Short, so a killed worker's jobs are free again soon; the price is that a worker whose
 * event loop stalls for longer than this loses its jobs to another worker and they run twice,
 * which every handler tolerates (database ledgers, send locks).
 */
export const JOB_LOCK_MS = 4000;
/** How often each worker looks for jobs whose lock expired. */
export const STALLED_CHECK_MS = 1500;

/** What `startWorker` needs; everything else it builds from `env`. */
export type TWorkerDeps = {
  env: TEnv;
  database: DatabaseHandle;
  logger: Logger;
  /** Wall clock for deciding what is due; BullMQ delays always use the real clock. */
  now?: () => Date;
  /** Namespaces every queue key; tests and benches pass their own. Default: QUEUE_PREFIX. */
  queuePrefix?: string;
  /** Overrides of the worker settings otherwise read from the environment. */
  config?: Partial<TWorkerConfig>;
  /** Jobs to run; default: every job in `jobs/index.ts`. */
  jobs?: TJobDefinition[];
  /**
   * Where to register the job metrics: the api's registry in embedded mode (one /metrics for
   * both); default a registry of the worker's own (`worker.metrics.registry`, see main.ts).
   */
  metricsRegistry?: Registry;
};

export type TStartedWorker = {
  ctx: TWorkerContext;
  metrics: TWorkerMetrics;
  /** The worker's queues by name (to inspect or promote a delayed job, as tests and tools do). */
  queues: ReadonlyMap<string, Queue>;
  /** Stops taking jobs, lets running ones finish, closes connections. */
  close: () => Promise<void>;
};

/**
 * Starts the background side of Telemost in this process: one BullMQ Worker per queue, the
 * outbox relay and the periodic reminder sweep. Call `close()` on SIGTERM.
 */
export async function startWorker(deps: TWorkerDeps): Promise<TStartedWorker> {
  const { env, database, logger } = deps;
  const config: TWorkerConfig = { ...loadWorkerConfig(), ...deps.config };
  const installationId = await loadInstallationId(database.db);
  const prefix = installationPrefix(deps.queuePrefix ?? env.QUEUE_PREFIX, installationId);
  const jobs = deps.jobs ?? allJobs;
  const redisUrl = env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const workerConnection = createWorkerConnection(redisUrl, logger);
  const producer = createProducerConnection(redisUrl, logger);
  await checkEvictionPolicy(producer, logger);

  const byName = new Map(jobs.map((j) => [j.name, j]));
  const queueNames = [...new Set(jobs.map((j) => j.queue))];
  const queues = new Map(queueNames.map((name) => [name, new Queue(name, { connection: producer, prefix })]));
  const metrics = createWorkerMetrics(() => [...queues.values()], deps.metricsRegistry);
  const livekit = createLiveKitHealth(logger, metrics.livekitUp);
  const liveKitJobs = new Set([openRoomJob, closeRoomJob, reconcileRoomsJob].map((j) => j.name));
  const queueOf = (job: TJobRef) => {
    const q = queues.get(job.queue);
    if (!q) throw new Error(`job ${job.name}: queue ${job.queue} is not running in this worker`);
    return q;
  };

  /**
   * Adds jobs, then checks that each id holds the payload we meant: BullMQ silently keeps an
   * existing job under a taken id. Our ids are deterministic within one installation, so a job
   * with the same id and another payload is not ours (a foreign writer on this prefix, or a
   * restored backup replaying versions): say so, and add ours under a fresh id, since every
   * handler dedupes on the database anyway.
   */
  const addChecked = async (
    job: TJobRef,
    items: { data: unknown; opts: JobsOptions & { jobId: string } }[],
  ) => {
    const queue = queueOf(job);
    const list = items.map((item) => ({
      name: job.name,
      data: job.schema.parse(item.data),
      opts: item.opts,
    }));
    await queue.addBulk(list);
    const check = producer.pipeline();
    for (const item of list) check.hmget(queue.toKey(item.opts.jobId), 'name', 'data');
    const stored = (await check.exec()) ?? [];
    const foreign = list.filter((item, i) => {
      const [err, value] = stored[i] ?? [null, null];
      const [name, data] = (err ? [null, null] : value) as [string | null, string | null];
      return data !== null && (name !== item.name || data !== JSON.stringify(item.data));
    });
    if (foreign.length === 0) return;
    logger.error(
      {
        queue: job.queue,
        job: job.name,
        ids: foreign.map((f) => f.opts.jobId).slice(0, 20),
        count: foreign.length,
      },
      'job id already taken by a different job; adding ours under a fresh id',
    );
    await queue.addBulk(
      foreign.map((f) => ({ ...f, opts: { ...f.opts, jobId: jobId(f.opts.jobId, 'r', randomUUID()) } })),
    );
  };

  const enqueue: TEnqueue = (job, data, options) =>
    addChecked(job, [{ data, opts: { ...job.options, ...options } }]);
  const ctx: TWorkerContext = {
    env,
    config,
    db: database.db,
    database,
    logger,
    now: deps.now ?? (() => new Date()),
    redis: producer,
    prefix,
    enqueue,
    enqueueMany: async (job, items) => {
      if (items.length === 0) return;
      await addChecked(
        job,
        items.map((item) => ({ data: item.data, opts: { ...job.options, ...item.options } })),
      );
    },
    removeJob: async (job, id) => (await queueOf(job).remove(id)) === 1,
    mailer: createMailer({
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      poolSize: config.SMTP_POOL_SIZE,
      logger,
    }),
    telegram: createTelegramSender(env),
    realtime: createRealtimeEmitter(producer, logger, env.QUEUE_PREFIX),
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`,
  };

  const processJob = async (job: Job) => {
    const def = byName.get(job.name);
    if (!def) throw new UnrecoverableError(`no handler for job ${job.name} on queue ${job.queueName}`);
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid ${job.name} payload: ${parsed.error.message}`);
    }
    metrics.jobStarted(job);
    const t0 = performance.now();
    try {
      const result = await def.handler(parsed.data, ctx, job);
      if (liveKitJobs.has(job.name)) livekit.ok();
      const ms = Math.round(performance.now() - t0);
      metrics.jobDone(job, ms);
      logger.info({ job: job.name, id: job.id, ms }, 'job done');
      return result;
    } catch (err) {
      if (liveKitJobs.has(job.name)) livekit.failed(err);
      throw err;
    }
  };
  const workers = queueNames.map((name) => {
    const worker = new Worker(name, processJob, {
      connection: workerConnection,
      prefix,
      concurrency: queueConcurrency(name, config),
      // A crashed worker's jobs go back to the queue within LOCK_MS + STALLED_CHECK_MS (at most
      // about 5.5 s; BullMQ's defaults take up to a minute), so a reminder survives a kill -9 with
      // little delay. See JOB_LOCK_MS for what this costs.
      lockDuration: JOB_LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: 3,
      settings: {
        // Every job here backs off the same way; see CAPPED_BACKOFF.
        backoffStrategy: (attemptsMade: number) => cappedBackoffDelay(attemptsMade),
      },
    });
    worker.on('failed', (job, err) => {
      metrics.jobFailed(job);
      const fields = { job: job?.name, id: job?.id, attemptsMade: job?.attemptsMade, err: err.message };
      const attempts = job?.opts.attempts ?? 1;
      if (liveKitJobs.has(job?.name ?? '') && livekit.down && attempts === 1) {
        // The periodic reconciliation while LiveKit is away: the health log said it already.
        logger.debug(fields, 'job failed');
      } else if (!job || job.attemptsMade >= attempts || err.name === 'UnrecoverableError') {
        logger.error({ ...fields, attempts }, 'job failed for good');
      } else if (liveKitJobs.has(job.name) && livekit.down) {
        // Said once by the LiveKit health, with a summary when it is back.
        logger.debug(fields, 'job failed; retrying');
      } else if (job.attemptsMade === 1) {
        logger.warn(fields, 'job failed; retrying with backoff (later attempts log at debug)');
      } else {
        logger.debug(fields, 'job failed; retrying');
      }
    });
    // A job whose worker died (or stopped renewing its lock): BullMQ hands it to another worker.
    worker.on('stalled', (id, previous) =>
      logger.warn({ queue: name, id, previous }, 'job stalled (its worker stopped); running it again'),
    );
    worker.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });

  // The sweep is timed here rather than by a BullMQ job scheduler, which lives in Redis and would
  // vanish with the very data loss the sweep exists for. The slot id lets one of M workers run it.
  const sweepMs = config.REMINDER_SWEEP_SECONDS * 1000;
  const sweep = () => {
    if (!byName.has(ensureRemindersJob.name)) return;
    const slot = Math.floor(Date.now() / sweepMs);
    ctx
      .enqueue(ensureRemindersJob, {}, { jobId: jobId(ensureRemindersJob.name, sweepMs, slot) })
      .catch((err: Error) => logger.warn({ err: err.message }, 'could not queue the reminder sweep'));
  };
  const sweepTimer = setInterval(sweep, sweepMs);
  sweep();
  const prune = () => {
    if (!byName.has(pruneRetentionJob.name)) return;
    const slot = Math.floor(Date.now() / RETENTION_EVERY_MS);
    ctx
      .enqueue(pruneRetentionJob, {}, { jobId: jobId(pruneRetentionJob.name, slot) })
      .catch((err: Error) => logger.warn({ err: err.message }, 'could not queue the retention run'));
  };
  const pruneTimer = setInterval(prune, RETENTION_EVERY_MS);
  prune();
  const stopRoomSweep = byName.has(reconcileRoomsJob.name) ? startRoomSweep(ctx) : null;
  const relay = byName.has(domainEventJob.name)
    ? startOutboxRelay({
        database,
        logger,
        pollMs: config.OUTBOX_POLL_MS,
        enqueue: (rows) =>
          ctx.enqueueMany(
            domainEventJob,
            rows.map((r) => ({
              data: { outboxId: r.id, topic: r.topic, aggregateId: r.aggregateId, payload: r.payload },
              options: { jobId: jobId('outbox', r.jobKey) },
            })),
          ),
      })
    : null;
  ctx.mailer
    .verify()
    .catch((err: Error) =>
      logger.warn({ err: err.message }, 'SMTP server does not answer; e-mails will be retried'),
    );
  logger.info({ queues: queueNames, prefix, installationId, email: ctx.mailer.enabled }, 'worker started');

  let closing: Promise<void> | null = null;
  return {
    ctx,
    metrics,
    queues,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweepTimer);
        clearInterval(pruneTimer);
        stopRoomSweep?.();
        await relay?.close();
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all([...queues.values()].map((q) => q.close()));
        ctx.mailer.close();
        await Promise.all([producer.quit().catch(() => {}), workerConnection.quit().catch(() => {})]);
        logger.info('worker stopped');
      })();
      return closing;
    },
  };
}
