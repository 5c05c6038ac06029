import { endRunningBreakouts } from '@telemost/server/classroom/end-breakouts';
import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { ROOM_JOB_OPTIONS } from '../job-options.ts';

export const ZEndBreakoutsJobSchema = z.object({
  eventId: z.uuid(),
  /** The round the timer belongs to (a later round is not ended by an earlier timer). */
  startedAt: z.iso.datetime({ offset: true }),
});

/**
 * The breakouts' timer ran out: the teams end as when a host ends them (rooms deleted, stays
 * closed, everyone's client back in the main room). Delayed to `endsAt` by the domain-event job;
 * ends nothing when a host ended that round already or started another.
 */
export const endBreakoutsJob = defineJob({
  name: 'end-breakouts',
  queue: 'rooms',
  schema: ZEndBreakoutsJobSchema,
  options: ROOM_JOB_OPTIONS,
  handler: async (data, ctx) => {
    const outcome = await endRunningBreakouts(ctx, data.eventId, {
      actorId: null,
      reason: 'timer',
      startedAt: new Date(data.startedAt),
    });
    return outcome;
  },
});
