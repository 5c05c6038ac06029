import { jobId } from '../define-job.ts';

/** The payload of one reminder: who, which event version, how long before the start. */
export type TReminderKey = { eventId: string; userId: string; offsetMinutes: number; version: number };

/** `reminder-<eventId>-<userId>-<offset>-v<version>`: one job per reminder, whoever adds it. */
export function reminderJobId(k: TReminderKey): string {
  return jobId('reminder', k.eventId, k.userId, k.offsetMinutes, `v${k.version}`);
}

/** Redis set of the reminder job ids created for an event, so a reschedule or cancel finds them. */
export function reminderIndexKey(prefix: string, eventId: string): string {
  return `${prefix}:telemost:reminder-jobs:${eventId}`;
}
