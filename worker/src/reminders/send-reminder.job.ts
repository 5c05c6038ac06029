import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { DELIVERY_JOB_OPTIONS } from '../job-options.ts';
import { sendReminder } from './send-reminder.ts';

export const ZSendReminderJobSchema = z.object({
  eventId: z.uuid(),
  userId: z.uuid(),
  offsetMinutes: z.number().int().min(0),
  version: z.number().int().positive(),
  /** When it was planned to fall due; the job starts a little before and waits for it. */
  dueAt: z.iso.datetime().optional(),
});

/** One reminder to one participant; delayed until it falls due. */
export const sendReminderJob = defineJob({
  name: 'send-reminder',
  queue: 'reminders',
  schema: ZSendReminderJobSchema,
  options: DELIVERY_JOB_OPTIONS,
  handler: ({ dueAt, ...key }, ctx) => sendReminder(ctx, key, dueAt),
});
