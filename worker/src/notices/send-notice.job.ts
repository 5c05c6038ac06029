import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { DELIVERY_JOB_OPTIONS } from '../job-options.ts';
import { sendNotice } from './send-notice.ts';

export const ZSendNoticeJobSchema = z.object({
  eventId: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(['proposed', 'confirmed', 'declined', 'rescheduled', 'cancelled']),
  version: z.number().int().positive(),
  actorId: z.uuid().nullable(),
});

/** One notice (proposed, confirmed, declined, rescheduled, cancelled) to one person. */
export const sendNoticeJob = defineJob({
  name: 'send-notice',
  queue: 'notices',
  schema: ZSendNoticeJobSchema,
  options: DELIVERY_JOB_OPTIONS,
  handler: (data, ctx) => sendNotice(ctx, data),
});
