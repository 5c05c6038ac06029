import type { TEnv } from '@telemost/server/config/env';
import type { DatabaseHandle, Db } from '@telemost/server/db/database';
import type { Logger } from '@telemost/server/lib/logger';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ZodType, z } from 'zod';
import type { TTelegramSender } from './delivery/telegram-sender.ts';
import type { TMailer } from './mailer.ts';
import type { TWorkerRealtime } from './realtime.ts';
import type { TWorkerConfig } from './worker-config.ts';

/**
 * The part of a job definition (`TJobDefinition` in define-job.ts, which adds the handler) that
 * adding or removing a job needs. Declared here so that the context does not import the job
 * definitions, which import the context.
 */
export type TJobRef<S extends ZodType = ZodType> = {
  name: string;
  queue: string;
  schema: S;
  options: JobsOptions;
};

/** Adds a job of a known definition; the payload is validated before it reaches Redis. */
export type TEnqueue = <D extends TJobRef>(
  job: D,
  data: z.input<D['schema']>,
  options: JobsOptions & { jobId: string },
) => Promise<void>;

/** What every job handler may reach: built once by `startWorker`, passed down explicitly. */
export type TWorkerContext = {
  env: TEnv;
  config: TWorkerConfig;
  db: Db;
  database: DatabaseHandle;
  logger: Logger;
  /** Wall clock, injectable so tests can pin "now". */
  now: () => Date;
  /** Producer connection: locks and bookkeeping keys, never blocking commands. */
  redis: Redis;
  /** Namespaces every BullMQ key and our own bookkeeping keys (tests and benches use their own). */
  prefix: string;
  enqueue: TEnqueue;
  /** Adds many jobs of one definition in one round trip. */
  enqueueMany: <D extends TJobRef>(
    job: D,
    items: { data: z.input<D['schema']>; options: JobsOptions & { jobId: string } }[],
  ) => Promise<void>;
  /** Removes a waiting or delayed job; false when it is gone or running (handlers re-check anyway). */
  removeJob: (job: TJobRef, jobId: string) => Promise<boolean>;
  mailer: TMailer;
  /** Telegram messages, when TELEGRAM_BOT_TOKEN is set. */
  telegram: TTelegramSender | null;
  realtime: TWorkerRealtime;
  /** Base of links in messages: PUBLIC_URL, else the api's loopback address. */
  publicUrl: string;
};
