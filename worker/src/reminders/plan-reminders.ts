import type { TWorkerContext } from '../context.ts';
import { loadParticipantIds } from '../events/events.repository.ts';
import { reminderIndexKey, reminderJobId, type TReminderKey } from './reminder-job-id.ts';
import { isWorthSending, REMINDER_PREFETCH_MS, reminderDueAt, SENT_SLACK_MS } from './reminder-policy.ts';
import { sendReminderJob } from './send-reminder.job.ts';

/** The columns of a confirmed event that reminder planning needs. */
export type TReminderEvent = {
  id: string;
  startAt: Date;
  endAt: Date;
  version: number;
  reminderOffsets: number[];
};

/** One reminder job to have in the queue. */
export type TPlannedReminder = { jobId: string; data: TReminderKey & { dueAt: string }; delay: number };

/**
 * The reminder jobs the given confirmed events should have now: one per participant per offset,
 * leaving out those already delivered on every channel and those too late to be worth sending.
 */
export async function planReminders(
  ctx: TWorkerContext,
  events: TReminderEvent[],
): Promise<TPlannedReminder[]> {
  if (events.length === 0) return [];
  const now = ctx.now();
  const ids = events.map((e) => e.id);
  const participants = await loadParticipantIds(ctx.db, ids);
  const sent = await ctx.db
    .selectFrom('remindersSent')
    .select(['eventId', 'userId', 'offsetMinutes', 'channel', 'eventVersion', 'sentAt'])
    .where('eventId', 'in', ids)
    .execute();
  const channels = ctx.mailer.enabled ? ['inapp', 'email'] : ['inapp'];
  const byId = new Map(events.map((e) => [e.id, e]));
  const done = new Map<string, Set<string>>();
  for (const s of sent) {
    const e = byId.get(s.eventId)!;
    const due = reminderDueAt(e.startAt, s.offsetMinutes).getTime();
    if (s.eventVersion !== e.version && new Date(s.sentAt).getTime() < due - SENT_SLACK_MS) continue;
    const key = `${s.eventId}|${s.userId}|${s.offsetMinutes}`;
    const set = done.get(key) ?? new Set<string>();
    set.add(s.channel);
    done.set(key, set);
  }
  const out: TPlannedReminder[] = [];
  for (const p of participants) {
    const e = byId.get(p.eventId)!;
    for (const offsetMinutes of new Set(e.reminderOffsets)) {
      if (!isWorthSending(e.startAt, offsetMinutes, now)) continue;
      const delivered = done.get(`${e.id}|${p.userId}|${offsetMinutes}`);
      if (delivered && channels.every((c) => delivered.has(c))) continue;
      const key = { eventId: e.id, userId: p.userId, offsetMinutes, version: e.version };
      const due = reminderDueAt(e.startAt, offsetMinutes);
      const delay = Math.max(0, due.getTime() - now.getTime() - REMINDER_PREFETCH_MS);
      out.push({ jobId: reminderJobId(key), data: { ...key, dueAt: due.toISOString() }, delay });
    }
  }
  return out;
}

/**
 * Puts planned reminders in the queue. The per-event index is written first, so a crash between
 * the two leaves at worst an index entry without a job, never a job nobody can find to remove.
 * Adding a job whose id exists is a no-op in BullMQ, which makes this safe to repeat.
 */
export async function enqueueReminders(
  ctx: TWorkerContext,
  planned: TPlannedReminder[],
  events: TReminderEvent[],
): Promise<void> {
  if (planned.length === 0) return;
  const endById = new Map(events.map((e) => [e.id, e.endAt]));
  const byEvent = new Map<string, string[]>();
  for (const p of planned) {
    const list = byEvent.get(p.data.eventId) ?? [];
    list.push(p.jobId);
    byEvent.set(p.data.eventId, list);
  }
  const tx = ctx.redis.multi();
  for (const [eventId, jobIds] of byEvent) {
    const key = reminderIndexKey(ctx.prefix, eventId);
    tx.sadd(key, ...jobIds);
    // The index is only needed until the event is over.
    tx.pexpireat(key, (endById.get(eventId)?.getTime() ?? Date.now()) + 2 * 24 * 3600_000);
  }
  await tx.exec();
  for (let i = 0; i < planned.length; i += 1000) {
    await ctx.enqueueMany(
      sendReminderJob,
      planned.slice(i, i + 1000).map((p) => ({ data: p.data, options: { jobId: p.jobId, delay: p.delay } })),
    );
  }
}
