import type { TEnv } from '@telemost/api/config/env';
import type { TRealtime } from '@telemost/api/context';
import type { DatabaseHandle, Db } from '@telemost/api/db/database';
import type { Logger } from '@telemost/api/lib/logger';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { TJobDefinition } from './jobs/define-job.ts';
import type { TMailer } from './mailer.ts';
import type { TWorkerConfig } from './worker-config.ts';

/** Adds a job of a known definition; the payload is validated before it reaches Redis. */
export type TEnqueue = <D extends TJobDefinition>(
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
  enqueueMany: <D extends TJobDefinition>(
    job: D,
    items: { data: z.input<D['schema']>; options: JobsOptions & { jobId: string } }[],
  ) => Promise<void>;
  /** Removes a waiting or delayed job; false when it is gone or running (handlers re-check anyway). */
  removeJob: (job: TJobDefinition, jobId: string) => Promise<boolean>;
  mailer: TMailer;
  realtime: TRealtime;
  /** Base of links in messages: PUBLIC_URL, else the api's loopback address. */
  publicUrl: string;
};
