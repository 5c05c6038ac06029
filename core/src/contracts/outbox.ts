import { z } from 'zod';

/**
 * The PostgreSQL NOTIFY channel the api signals after an outbox row commits and the worker's
 * relay LISTENs on.
 */
export const OUTBOX_CHANNEL = 'telemost_outbox';

/** What every event topic carries: which event, the version the change produced, who did it. */
export const ZEventChangePayloadSchema = z.object({
  eventId: z.uuid(),
  version: z.number().int().positive(),
  actorId: z.uuid().nullable().optional(),
});
export type TEventChangePayload = z.infer<typeof ZEventChangePayloadSchema>;

/**
 * The outbox topics (see the README's list: what writes each and who reads it). Every topic is a
 * change to one event; the worker re-reads the event row instead of trusting more of the payload.
 */
export const OUTBOX_TOPICS = [
  'event.proposed',
  'event.confirmed',
  'event.declined',
  'event.updated',
  'event.rescheduled',
  'event.cancelled',
  'event.lesson_ended',
] as const;
export type TOutboxTopic = (typeof OUTBOX_TOPICS)[number];

const eventTopic = <T extends TOutboxTopic>(topic: T) =>
  z.object({ topic: z.literal(topic), payload: ZEventChangePayloadSchema });

/**
 * `breakouts.started`: a host split a lesson into teams with a timer. The worker ends those teams
 * when `endsAt` comes (its `end-breakouts` job, delayed to then); `startedAt` names the round, so
 * a timer never ends a later one.
 */
export const ZBreakoutsStartedPayloadSchema = z.object({
  eventId: z.uuid(),
  startedAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

/**
 * One outbox message: topic and payload, one schema for the writer (the api, in the same
 * transaction as the change) and the reader (the worker's domain-event job).
 */
export const ZOutboxMessageSchema = z.discriminatedUnion('topic', [
  eventTopic('event.proposed'),
  eventTopic('event.confirmed'),
  eventTopic('event.declined'),
  eventTopic('event.updated'),
  eventTopic('event.rescheduled'),
  eventTopic('event.cancelled'),
  eventTopic('event.lesson_ended'),
  z.object({ topic: z.literal('breakouts.started'), payload: ZBreakoutsStartedPayloadSchema }),
]);
export type TOutboxMessage = z.infer<typeof ZOutboxMessageSchema>;
