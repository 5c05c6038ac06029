import type { JobsOptions } from 'bullmq';

/**
 * Backoff for jobs that wait out an outage (Redis, PostgreSQL or SMTP restarting): doubling from
 * one second, capped at 30 s so a recovered dependency is noticed quickly.
 */
export const CAPPED_BACKOFF = 'capped-exponential';

/** The delay before retry number `attemptsMade` under {@link CAPPED_BACKOFF}. */
export function cappedBackoffDelay(attemptsMade: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attemptsMade - 1));
}

/**
 * For deliveries: 20 attempts under the capped backoff cover about eight minutes of outage,
 * longer than a 15-minute reminder stays worth sending. Completed jobs are kept a day so a
 * re-delivered outbox row or a sweep finds the id and adds nothing.
 */
export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 20,
  backoff: { type: CAPPED_BACKOFF },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * 30 attempts under the capped backoff (1 s doubling to 30 s) ride out about 13 minutes of LiveKit
 * being away, past the start of a lesson whose room is due 10 minutes before; after that the
 * room is marked `failed` and the reconciliation keeps trying every ROOM_RECONCILE_SECONDS.
 */
export const ROOM_JOB_OPTIONS: JobsOptions = {
  attempts: 30,
  backoff: { type: CAPPED_BACKOFF },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
