import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { handleEventChange, type TEventChangeSubscriber } from '../domain-events/handle-domain-event.ts';
import { scheduleRoomsOnChange } from '../rooms/schedule-room-jobs.ts';
import { defineJob } from './define-job.ts';
import { DELIVERY_JOB_OPTIONS } from './job-options.ts';

/** The outbox row, as the relay enqueues it. */
export const ZDomainEventJobSchema = z.object({
  outboxId: z.number().int().positive(),
  topic: z.string().min(1),
  aggregateId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

const ZEventPayloadSchema = z.object({
  eventId: z.uuid(),
  version: z.number().int().positive(),
  actorId: z.uuid().nullable().optional(),
});

/**
 * Extra reactions to event changes, run after reminders and notices. Add yours here (e.g. room
 * provisioning); keep them idempotent.
 */
export const eventChangeSubscribers: TEventChangeSubscriber[] = [scheduleRoomsOnChange];

/** One outbox row: event topics re-sync reminders and send notices; other topics are ignored. */
export const domainEventJob = defineJob({
  name: 'domain-event',
  queue: 'domain-events',
  schema: ZDomainEventJobSchema,
  options: DELIVERY_JOB_OPTIONS,
  handler: async (data, ctx) => {
    if (!data.topic.startsWith('event.')) return { ignored: data.topic };
    const payload = ZEventPayloadSchema.safeParse(data.payload);
    if (!payload.success) {
      throw new UnrecoverableError(
        `outbox ${data.outboxId}: bad ${data.topic} payload: ${payload.error.message}`,
      );
    }
    return handleEventChange(
      ctx,
      {
        outboxId: data.outboxId,
        topic: data.topic,
        eventId: payload.data.eventId,
        version: payload.data.version,
        actorId: payload.data.actorId ?? null,
      },
      eventChangeSubscribers,
    );
  },
});
