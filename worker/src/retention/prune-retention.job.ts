import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { pruneRetention } from './prune-retention.ts';

/**
 * The hourly retention run (see `pruneRetention`), queued by each worker at start and every hour
 * under one id per hour, so workers that start together run it once; unaligned workers may each
 * run it in the same hour, which costs an index scan that finds nothing. Not retried: the next
 * hour comes anyway.
 */
export const pruneRetentionJob = defineJob({
  name: 'prune-retention',
  queue: 'maintenance',
  schema: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
  handler: (_data, ctx) => pruneRetention(ctx),
});

/** How often the retention job runs. */
export const RETENTION_EVERY_MS = 3600_000;
