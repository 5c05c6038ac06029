import { z } from 'zod';
import { ensureReminders } from '../reminders/ensure-reminders.ts';
import { defineJob } from './define-job.ts';

/**
 * The periodic sweep (a BullMQ job scheduler runs it every REMINDER_SWEEP_SECONDS). Not retried:
 * the next run comes soon anyway.
 */
export const ensureRemindersJob = defineJob({
  name: 'ensure-reminders',
  queue: 'maintenance',
  schema: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
  handler: (_data, ctx) => ensureReminders(ctx),
});
