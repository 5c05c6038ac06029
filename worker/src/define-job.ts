import type { Job, JobsOptions } from 'bullmq';
import type { ZodType, z } from 'zod';
import type { TWorkerContext } from './context.ts';

/**
 * One kind of background job. The payload is validated with `schema` when added and again when
 * run; a payload that fails is never retried (BullMQ `UnrecoverableError`). `options` are the
 * job's deliberate attempts and backoff.
 */
export type TJobDefinition<S extends ZodType = ZodType> = {
  /** Job name, unique across queues. */
  name: string;
  /** BullMQ queue the job runs on; every queue gets one Worker per process. */
  queue: string;
  schema: S;
  options: JobsOptions;
  handler: (data: z.output<S>, ctx: TWorkerContext, job: Job) => Promise<unknown>;
};

/** Declares a job with its handler typed from its schema. */
export function defineJob<S extends ZodType>(def: TJobDefinition<S>): TJobDefinition<S> {
  return def;
}

/**
 * BullMQ ids are Redis key parts: `:` is reserved as the separator, so a deterministic id is
 * built from dash-joined parts.
 */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.join('-');
  if (id.includes(':')) throw new Error(`job id must not contain ":" (${id})`);
  return id;
}
