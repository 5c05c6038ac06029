import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { ROOM_JOB_OPTIONS } from '../job-options.ts';
import { markRoomFailed, provisionRoom } from './provision-room.ts';

export const ZRoomJobSchema = z.object({
  eventId: z.uuid(),
  /** The event version the job was planned for; an older one than the row's does nothing. */
  version: z.number().int().positive(),
});

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
