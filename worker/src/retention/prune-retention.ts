import type { TEnv } from '@telemost/server/config/env';
import { sql } from 'kysely';
import type { TWorkerContext } from '../context.ts';

/** Batches per kind and run: a big backlog is worked off over several runs, never in one lock. */
const MAX_BATCHES = 100;
const DAY_MS = 24 * 3600_000;

export type TRetentionOutcome = Record<
  'outbox' | 'notifications' | 'remindersSent' | 'attendance' | 'auditLog',
  number
>;

/**
 * Deletes what is past its retention (RETENTION_* settings; 0 keeps a kind for ever), oldest
 * first, `RETENTION_BATCH` rows per statement so no statement holds many locks or runs long:
 * - outbox rows dispatched more than RETENTION_OUTBOX_DAYS ago (pending rows are never touched);
 * - notifications read more than RETENTION_NOTIFICATIONS_READ_DAYS ago, and any older than
 *   RETENTION_NOTIFICATIONS_DAYS;
 * - reminders_sent rows of events that ended more than RETENTION_REMINDERS_SENT_DAYS ago (they only
 *   keep a reminder from going out twice, which matters until the event is over);
 * - attendance rows of joins more than RETENTION_ATTENDANCE_DAYS ago;
 * - audit_log rows older than RETENTION_AUDIT_DAYS (the longest, enforced by the env schema).
 */
export async function pruneRetention(
  ctx: Pick<TWorkerContext, 'db' | 'env' | 'now' | 'logger'>,
): Promise<TRetentionOutcome> {
  const { env } = ctx;
  const cutoff = (days: number) => new Date(ctx.now().getTime() - days * DAY_MS);
  const n = env.RETENTION_BATCH;
  const run = async (days: number, statement: (cut: Date) => ReturnType<typeof sql>) => {
    if (days === 0) return 0;
    const cut = cutoff(days);
    let total = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const result = await statement(cut).execute(ctx.db);
      const deleted = Number(result.numAffectedRows ?? 0);
      total += deleted;
      if (deleted < n) break;
    }
    return total;
  };
  const outcome: TRetentionOutcome = {
    outbox: await run(
      env.RETENTION_OUTBOX_DAYS,
      (cut) => sql`DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < ${cut}
        ORDER BY dispatched_at LIMIT ${n})`,
    ),
    notifications:
      (await run(
        env.RETENTION_NOTIFICATIONS_READ_DAYS,
        (cut) => sql`DELETE FROM notifications WHERE id IN (
          SELECT id FROM notifications WHERE read_at IS NOT NULL AND read_at < ${cut}
          ORDER BY read_at LIMIT ${n})`,
      )) +
      (await run(
        env.RETENTION_NOTIFICATIONS_DAYS,
        (cut) => sql`DELETE FROM notifications WHERE id IN (
          SELECT id FROM notifications WHERE created_at < ${cut} ORDER BY created_at LIMIT ${n})`,
      )),
    remindersSent: await run(
      env.RETENTION_REMINDERS_SENT_DAYS,
      (cut) => sql`DELETE FROM reminders_sent
        WHERE (event_id, user_id, offset_minutes, channel, event_version) IN (
          SELECT r.event_id, r.user_id, r.offset_minutes, r.channel, r.event_version
          FROM reminders_sent r JOIN events e ON e.id = r.event_id
          WHERE e.end_at < ${cut} LIMIT ${n})`,
    ),
    attendance: await run(
      env.RETENTION_ATTENDANCE_DAYS,
      (cut) => sql`DELETE FROM attendance WHERE id IN (
        SELECT id FROM attendance WHERE joined_at < ${cut} ORDER BY joined_at LIMIT ${n})`,
    ),
    auditLog: await run(
      env.RETENTION_AUDIT_DAYS,
      (cut) => sql`DELETE FROM audit_log WHERE id IN (
        SELECT id FROM audit_log WHERE at < ${cut} ORDER BY at LIMIT ${n})`,
    ),
  };
  if (Object.values(outcome).some((v) => v > 0)) ctx.logger.info(outcome, 'retention: old rows deleted');
  return outcome;
}

/** The retention settings, for the README and the start-up log. */
export function retentionSettings(env: TEnv) {
  return {
    outboxDays: env.RETENTION_OUTBOX_DAYS,
    notificationsReadDays: env.RETENTION_NOTIFICATIONS_READ_DAYS,
    notificationsDays: env.RETENTION_NOTIFICATIONS_DAYS,
    remindersSentDays: env.RETENTION_REMINDERS_SENT_DAYS,
    attendanceDays: env.RETENTION_ATTENDANCE_DAYS,
    auditDays: env.RETENTION_AUDIT_DAYS,
  };
}
