import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { reconcileRooms } from './reconcile-rooms.ts';

/**
 * The periodic comparison with LiveKit's room service (see `reconcileRooms`). Queued under one id
 * per time slot by every worker, so one of them runs it. Not retried: the next slot comes soon.
 */
export const reconcileRoomsJob = defineJob({
  name: 'reconcile-rooms',
  queue: 'maintenance',
  schema: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
  handler: (_data, ctx) => reconcileRooms(ctx),
});
