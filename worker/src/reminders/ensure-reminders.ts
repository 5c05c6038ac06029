import { sql } from 'kysely';
import type { TWorkerContext } from '../context.ts';
import { enqueueReminders, planReminders } from './plan-reminders.ts';

/**
 * The safety net under the queue: re-creates the reminder jobs of every confirmed event starting
 * within the next 25 hours (or within its longest offset plus an hour), so a Redis that lost data
 * loses no reminder. Existing jobs are left as they are; reminders_sent keeps a re-created job
 * from sending twice.
 */
export async function ensureReminders(ctx: TWorkerContext): Promise<{ events: number; scheduled: number }> {
  const now = ctx.now();
  const events = await ctx.db
    .selectFrom('events')
    .select(['id', 'startAt', 'endAt', 'version', 'reminderOffsets'])
    .where('status', '=', 'confirmed')
    .where('startAt', '>', now)
    .where(
      'startAt',
      '<=',
      sql<Date>`${now}::timestamptz + greatest(interval '25 hours',
        (coalesce((select max(o) from unnest(reminder_offsets) o), 0) + 60) * interval '1 minute')`,
    )
    .orderBy('startAt')
    .execute();
  let scheduled = 0;
  // Chunks keep each query's IN list and each Redis pipeline bounded.
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events
      .slice(i, i + 500)
      .map((e) => ({ ...e, startAt: new Date(e.startAt), endAt: new Date(e.endAt) }));
    const planned = await planReminders(ctx, chunk);
    await enqueueReminders(ctx, planned, chunk);
    scheduled += planned.length;
  }
  return { events: events.length, scheduled };
}
