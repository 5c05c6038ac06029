import type { TWorkerContext } from '../context.ts';
import { enqueueReminders, planReminders } from './plan-reminders.ts';
import { reminderIndexKey } from './reminder-job-id.ts';
import { sendReminderJob } from './send-reminder.job.ts';

/**
 * Makes the queued reminders of one event match its current row. Only a confirmed event is
 * reminded of (a proposal gets a notice instead, and may still be declined); every job of another
 * version, or of an event no longer confirmed, is removed. A job already running cannot be
 * removed, which is fine: the reminder handler re-reads the event and skips a stale version.
 */
export async function syncEventReminders(
  ctx: TWorkerContext,
  eventId: string,
): Promise<{ scheduled: number; removed: number }> {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'status', 'startAt', 'endAt', 'version', 'reminderOffsets'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  const target =
    event && event.status === 'confirmed'
      ? [{ ...event, startAt: new Date(event.startAt), endAt: new Date(event.endAt) }]
      : [];
  const planned = await planReminders(ctx, target);
  const keep = new Set(planned.map((p) => p.jobId));
  const indexKey = reminderIndexKey(ctx.prefix, eventId);
  const indexed = await ctx.redis.smembers(indexKey);
  const obsolete = indexed.filter((id) => !keep.has(id));
  await Promise.all(obsolete.map((id) => ctx.removeJob(sendReminderJob, id)));
  if (obsolete.length) await ctx.redis.srem(indexKey, ...obsolete);
  await enqueueReminders(ctx, planned, target);
  return { scheduled: planned.length, removed: obsolete.length };
}
