const MINUTE = 60_000;

/** When the reminder `offsetMinutes` before `startAt` falls due. */
export function reminderDueAt(startAt: Date, offsetMinutes: number): Date {
  return new Date(startAt.getTime() - offsetMinutes * MINUTE);
}

/**
 * How late a reminder may still go out: half its lead time, at least 5 minutes and at most 6 hours.
 * A worker that was down for a few minutes still delivers the 15-minute reminder; a 24-hour
 * reminder for an event confirmed 3 hours before its start is not sent at all (the confirmation
 * notice said it).
 */
export function lateLimitMs(offsetMinutes: number): number {
  return Math.min(6 * 60 * MINUTE, Math.max(5 * MINUTE, (offsetMinutes * MINUTE) / 2));
}

/** Whether a reminder is still worth sending at `now`: before the start and not too late. */
export function isWorthSending(startAt: Date, offsetMinutes: number, now: Date): boolean {
  const due = reminderDueAt(startAt, offsetMinutes).getTime();
  return now.getTime() < startAt.getTime() && now.getTime() - due <= lateLimitMs(offsetMinutes);
}

/**
 * Reminder jobs become runnable this long before they fall due and then wait for the exact
 * moment. Promoting a delayed job and handing it to a worker takes BullMQ from tens to hundreds
 * of milliseconds under load; picking the job up early hides that, so reminders go out on time.
 * The handler reads the event only after the wait, so nothing it decides is early.
 */
export const REMINDER_PREFETCH_MS = 1000;

/** A job that starts more than this before its reminder is due goes back to wait (retry). */
export const MAX_EARLY_MS = 5000;

/**
 * A reminder sent for an earlier version counts as sent for this one when it went out at or after
 * this version's due time: a title change does not remind twice, a move to a later day does.
 * The minute of slack absorbs clock skew between worker hosts.
 */
export const SENT_SLACK_MS = MINUTE;
