import { z } from 'zod';
import { defineJob } from '../jobs/define-job.ts';
import { CAPPED_BACKOFF } from '../jobs/job-options.ts';
import { closeRoom } from './close-room.ts';
import { markRoomFailed, provisionRoom } from './provision-room.ts';
import { reconcileRooms } from './reconcile-rooms.ts';

export const ZRoomJobSchema = z.object({
  eventId: z.uuid(),
  /** The event version the job was planned for; an older one than the row's does nothing. */
  version: z.number().int().positive(),
});

/**
 * 30 attempts under the capped backoff (1 s doubling to 30 s) ride out about 13 minutes of LiveKit
 * being away, past the start of a lesson whose room is due 10 minutes before; after that the
 * room is marked `failed` and the reconciliation keeps trying every ROOM_RECONCILE_SECONDS.
 */
const ROOM_JOB_OPTIONS = {
  attempts: 30,
  backoff: { type: CAPPED_BACKOFF },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Creates the LiveKit room of a confirmed event, ROOM_OPEN_LEAD_MINUTES before its start. */
export const openRoomJob = defineJob({
  name: 'open-room',
  queue: 'rooms',
  schema: ZRoomJobSchema,
  options: ROOM_JOB_OPTIONS,
  handler: async (data, ctx, job) => {
    try {
      return await provisionRoom(ctx, data.eventId, data.version);
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markRoomFailed(ctx, data.eventId);
      throw err;
    }
  },
});

/** Deletes the room ROOM_CLOSE_GRACE_MINUTES after the end, or at once when cancelled. */
export const closeRoomJob = defineJob({
  name: 'close-room',
  queue: 'rooms',
  schema: ZRoomJobSchema,
  options: ROOM_JOB_OPTIONS,
  handler: (data, ctx) => closeRoom(ctx, data.eventId),
});

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

/** Every room job, for the worker's job list. */
export const roomJobs = [openRoomJob, closeRoomJob, reconcileRoomsJob];
