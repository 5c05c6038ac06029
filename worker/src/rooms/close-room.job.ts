import { defineJob } from '../define-job.ts';
import { ROOM_JOB_OPTIONS } from '../job-options.ts';
import { closeRoom } from './close-room.ts';
import { ZRoomJobSchema } from './open-room.job.ts';

/** Deletes the room ROOM_CLOSE_GRACE_MINUTES after the end, or at once when cancelled. */
export const closeRoomJob = defineJob({
  name: 'close-room',
  queue: 'rooms',
  schema: ZRoomJobSchema,
  options: ROOM_JOB_OPTIONS,
  handler: (data, ctx) => closeRoom(ctx, data.eventId),
});
