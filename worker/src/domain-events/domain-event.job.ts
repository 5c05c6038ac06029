import { ZOutboxMessageSchema } from '@telemost/core/contracts/outbox';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { endBreakoutsJob } from '../classroom/end-breakouts.job.ts';
import { defineJob, jobId } from '../define-job.ts';
import { DELIVERY_JOB_OPTIONS } from '../job-options.ts';
import { scheduleRoomsOnChange } from '../rooms/schedule-room-jobs.ts';
import { handleEventChange, type TEventChangeSubscriber } from './handle-domain-event.ts';

/** The outbox row, as the relay enqueues it. */
export const ZDomainEventJobSchema = z.object({
  outboxId: z.number().int().positive(),
  topic: z.string().min(1),
  aggregateId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * Extra reactions to event changes, run after reminders and notices. Add yours here (e.g. room
 * provisioning); keep them idempotent.
 */
export const eventChangeSubscribers: TEventChangeSubscriber[] = [scheduleRoomsOnChange];

/**
 * One outbox row, validated against core's outbox contract (a topic or payload outside it fails
 * at once, unretried): event topics re-sync reminders and send notices.
 */
export const domainEventJob = defineJob({
  name: 'domain-event',
  queue: 'domain-events',
  schema: ZDomainEventJobSchema,
  options: DELIVERY_JOB_OPTIONS,
  handler: async (data, ctx) => {
    const message = ZOutboxMessageSchema.safeParse({ topic: data.topic, payload: data.payload });
    if (!message.success) {
      throw new UnrecoverableError(
        `outbox ${data.outboxId}: bad ${data.topic} payload: ${message.error.message}`,
      );
    }
    const payload = message.data;
    if (payload.topic === 'breakouts.started') {
      // The teams' timer: end them at `endsAt` (one job per round, whatever redelivers the row).
      const { eventId, startedAt, endsAt } = payload.payload;
      await ctx.enqueue(
        endBreakoutsJob,
        { eventId, startedAt },
        {
          jobId: jobId('breakouts-end', eventId, new Date(startedAt).getTime()),
          delay: Math.max(0, new Date(endsAt).getTime() - ctx.now().getTime()),
        },
      );
      return { scheduled: 'end-breakouts' };
    }
    return handleEventChange(
      ctx,
      {
        outboxId: data.outboxId,
        topic: payload.topic,
        eventId: payload.payload.eventId,
        version: payload.payload.version,
        actorId: payload.payload.actorId ?? null,
      },
      eventChangeSubscribers,
    );
  },
});
