import { z } from 'zod';
import { defineJob } from '../define-job.ts';
import { ensureReminders } from './ensure-reminders.ts';

/**
 * The periodic sweep, queued by every worker each REMINDER_SWEEP_SECONDS under one id per time
 * slot, so it runs once per slot however many workers there are. Not retried: the next slot comes
 * soon anyway.
 */
export const ensureRemindersJob = defineJob({
  name: 'ensure-reminders',
  queue: 'maintenance',
  schema: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
  handler: (_data, ctx) => ensureReminders(ctx),
});
