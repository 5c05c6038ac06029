import { roomJobs } from '../rooms/room-jobs.ts';
import type { TJobDefinition } from './define-job.ts';
import { domainEventJob } from './domain-event.ts';
import { ensureRemindersJob } from './ensure-reminders.ts';
import { sendNoticeJob } from './send-notice.ts';
import { sendReminderJob } from './send-reminder.ts';

/** Every job the worker runs. Add a job by defining it in this folder and listing it here. */
export const jobs: TJobDefinition[] = [
  domainEventJob,
  sendReminderJob,
  sendNoticeJob,
  ensureRemindersJob,
  ...roomJobs,
];

/** Reactions to event changes besides reminders and notices (room provisioning adds itself here). */
export { eventChangeSubscribers } from './domain-event.ts';
