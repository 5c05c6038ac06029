import type { TEnv } from '@telemost/api/config/env';
import type { DatabaseHandle } from '@telemost/api/db/database';
import type { Logger } from '@telemost/api/lib/logger';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { TEnqueue, TWorkerContext } from './context.ts';
import { jobId, type TJobDefinition } from './jobs/define-job.ts';
import { domainEventJob } from './jobs/domain-event.ts';
import { ensureRemindersJob } from './jobs/ensure-reminders.ts';
import { jobs as allJobs } from './jobs/index.ts';
import { cappedBackoffDelay } from './jobs/job-options.ts';
import { createMailer } from './mailer.ts';
import { startOutboxRelay } from './outbox-relay.ts';
import { queueConcurrency } from './queues.ts';
import { createRealtimeEmitter } from './realtime.ts';
import {
  checkEvictionPolicy,
  createProducerConnection,
  createWorkerConnection,
  DEFAULT_REDIS_URL,
} from './redis.ts';
import { reconcileRoomsJob } from './rooms/room-jobs.ts';
import { startRoomSweep } from './rooms/room-sweep.ts';
import { loadWorkerConfig, type TWorkerConfig } from './worker-config.ts';

export type { TWorkerContext } from './context.ts';
export { defineJob, jobId, type TJobDefinition } from './jobs/define-job.ts';

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
};

export type TStartedWorker = {
  ctx: TWorkerContext;
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
  const prefix = deps.queuePrefix ?? config.QUEUE_PREFIX;
  const jobs = deps.jobs ?? allJobs;
  const redisUrl = env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const workerConnection = createWorkerConnection(redisUrl, logger);
  const producer = createProducerConnection(redisUrl, logger);
  await checkEvictionPolicy(producer, logger);

  const byName = new Map(jobs.map((j) => [j.name, j]));
  const queueNames = [...new Set(jobs.map((j) => j.queue))];
  const queues = new Map(queueNames.map((name) => [name, new Queue(name, { connection: producer, prefix })]));
  const queueOf = (job: TJobDefinition) => {
    const q = queues.get(job.queue);
    if (!q) throw new Error(`job ${job.name}: queue ${job.queue} is not running in this worker`);
    return q;
  };

  const enqueue: TEnqueue = async (job, data, options) => {
    const parsed = job.schema.parse(data);
    await queueOf(job).add(job.name, parsed, { ...job.options, ...options });
  };
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
      await queueOf(job).addBulk(
        items.map((item) => ({
          name: job.name,
          data: job.schema.parse(item.data),
          opts: { ...job.options, ...item.options },
        })),
      );
    },
    removeJob: async (job, id) => (await queueOf(job).remove(id)) === 1,
    mailer: createMailer({
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      poolSize: config.SMTP_POOL_SIZE,
      logger,
    }),
    realtime: createRealtimeEmitter(producer, logger),
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`,
  };

  const processJob = async (job: Job) => {
    const def = byName.get(job.name);
    if (!def) throw new UnrecoverableError(`no handler for job ${job.name} on queue ${job.queueName}`);
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid ${job.name} payload: ${parsed.error.message}`);
    }
    return def.handler(parsed.data, ctx, job);
  };
  const workers = queueNames.map((name) => {
    const worker = new Worker(name, processJob, {
      connection: workerConnection,
      prefix,
      concurrency: queueConcurrency(name, config),
      // A crashed worker's jobs go back to the queue within ~20 s instead of BullMQ's default ~60 s,
      // so a reminder survives a kill -9 with little delay. Handlers are idempotent, so a job a
      // slow-but-alive worker loses to the stall check does no harm when it runs twice.
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: 3,
      settings: {
        // Every job here backs off the same way; see CAPPED_BACKOFF.
        backoffStrategy: (attemptsMade: number) => cappedBackoffDelay(attemptsMade),
      },
    });
    worker.on('failed', (job, err) =>
      logger.warn(
        { job: job?.name, id: job?.id, attemptsMade: job?.attemptsMade, err: err.message },
        'job failed',
      ),
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
              options: { jobId: `outbox-${r.id}` },
            })),
          ),
      })
    : null;
  ctx.mailer
    .verify()
    .catch((err: Error) =>
      logger.warn({ err: err.message }, 'SMTP server does not answer; e-mails will be retried'),
    );
  logger.info({ queues: queueNames, prefix, email: ctx.mailer.enabled }, 'worker started');

  let closing: Promise<void> | null = null;
  return {
    ctx,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweepTimer);
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
