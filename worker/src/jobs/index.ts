import { endBreakoutsJob } from '../classroom/end-breakouts.job.ts';
import type { TJobDefinition } from '../define-job.ts';
import { domainEventJob } from '../domain-events/domain-event.job.ts';
import { sendNoticeJob } from '../notices/send-notice.job.ts';
import { ensureRemindersJob } from '../reminders/ensure-reminders.job.ts';
import { sendReminderJob } from '../reminders/send-reminder.job.ts';
import { pruneRetentionJob } from '../retention/prune-retention.job.ts';
import { closeRoomJob } from '../rooms/close-room.job.ts';
import { openRoomJob } from '../rooms/open-room.job.ts';
import { reconcileRoomsJob } from '../rooms/reconcile-rooms.job.ts';

/**
 * Every job the worker runs: the registry. Each job is defined in its domain folder, in a
 * `<job-name>.job.ts` file next to the code it runs; add a job there and list it here.
 */
export const jobs: TJobDefinition[] = [
  domainEventJob,
  sendReminderJob,
  sendNoticeJob,
  ensureRemindersJob,
  openRoomJob,
  closeRoomJob,
  reconcileRoomsJob,
  endBreakoutsJob,
  pruneRetentionJob,
];

/** Reactions to event changes besides reminders and notices (room provisioning adds itself here). */
export { eventChangeSubscribers } from '../domain-events/domain-event.job.ts';
