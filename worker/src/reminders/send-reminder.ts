import type { TNotificationPayload } from '@telemost/core/schemas/notification';
import type { Db } from '@telemost/server/db/database';
import { sql } from 'kysely';
import type { TWorkerContext } from '../context.ts';
import { emailOnce } from '../delivery/email-once.ts';
import { pushNotification } from '../delivery/push-notification.ts';
import { telegramOnce } from '../delivery/telegram.ts';
import { loadEventSnapshot, loadParticipant } from '../events/events.repository.ts';
import { renderReminder } from '../messages/render-message.ts';
import { reminderJobId, type TReminderKey } from './reminder-job-id.ts';
import { isWorthSending, MAX_EARLY_MS, reminderDueAt, SENT_SLACK_MS } from './reminder-policy.ts';

/** What one reminder job did, per channel; also the job's return value, for inspection. */
export type TReminderOutcome =
  | { skipped: 'event_gone' | 'not_confirmed' | 'stale_version' | 'too_late' | 'not_participant' }
  | {
      inapp: 'sent' | 'already_sent';
      email: 'sent' | 'already_sent' | 'off';
      /** Only when Telegram is on and the person linked a chat. */
      telegram?: 'sent' | 'already_sent';
    };

/** Whether this reminder already went out on a channel, for this version or at/after its due time. */
async function alreadySent(db: Db, k: TReminderKey, channel: string, due: Date): Promise<boolean> {
  const row = await db
    .selectFrom('remindersSent')
    .select('eventId')
    .where('eventId', '=', k.eventId)
    .where('userId', '=', k.userId)
    .where('offsetMinutes', '=', k.offsetMinutes)
    .where('channel', '=', channel)
    .where((eb) =>
      eb.or([
        eb('eventVersion', '=', k.version),
        eb('sentAt', '>=', new Date(due.getTime() - SENT_SLACK_MS)),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Jobs are picked up a little early (REMINDER_PREFETCH_MS): wait for the due time the job was
 * planned for. Only the wait uses it; what to send is decided from the rows read afterwards.
 */
async function waitUntilDue(ctx: TWorkerContext, k: TReminderKey, dueAt: string | undefined): Promise<void> {
  if (!dueAt) return;
  const wait = new Date(dueAt).getTime() - ctx.now().getTime();
  if (wait > MAX_EARLY_MS)
    throw new Error(`reminder ${reminderJobId(k)} started ${wait} ms early; retrying later`);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * Sends one reminder to one participant, once. It re-reads the event and the participant and does
 * nothing for a cancelled or unconfirmed event, a stale version, or a reminder too late to help.
 * In-app: the notification row and the reminders_sent row are written in one transaction, then
 * pushed (again on a retry, until a push went out: see `pushNotification`). E-mail: sent, then recorded; the only duplicate possible is a crash in the instant
 * between the SMTP server accepting the message and the record being written (at-least-once,
 * with a deterministic Message-ID so mail clients can fold the copy).
 */
export async function sendReminder(
  ctx: TWorkerContext,
  k: TReminderKey,
  plannedDueAt?: string,
): Promise<TReminderOutcome> {
  await waitUntilDue(ctx, k, plannedDueAt);
  const [event, recipient] = await Promise.all([
    loadEventSnapshot(ctx.db, k.eventId),
    loadParticipant(ctx.db, k.eventId, k.userId),
  ]);
  if (!event) return { skipped: 'event_gone' };
  if (event.status !== 'confirmed') return { skipped: 'not_confirmed' };
  if (event.version !== k.version) return { skipped: 'stale_version' };
  if (!isWorthSending(event.startAt, k.offsetMinutes, ctx.now())) return { skipped: 'too_late' };
  if (!recipient) return { skipped: 'not_participant' };

  const due = reminderDueAt(event.startAt, k.offsetMinutes);
  const key = reminderJobId(k);
  const message = renderReminder(event, recipient, k.offsetMinutes, ctx.publicUrl);
  const payload: TNotificationPayload = {
    title: message.title,
    body: message.body,
    url: message.url,
    times: message.times,
    start: event.startAt.toISOString(),
    end: event.endAt.toISOString(),
    status: event.status,
    version: event.version,
    offsetMinutes: k.offsetMinutes,
  };

  // One statement, hence one transaction: the reminders_sent claim and the notification row
  // commit together or not at all, in a single round trip.
  const { rows } = await sql<{ id: string }>`
    WITH claimed AS (
      INSERT INTO reminders_sent (event_id, user_id, offset_minutes, channel, event_version)
      SELECT ${k.eventId}::uuid, ${k.userId}::uuid, ${k.offsetMinutes}::int, 'inapp', ${k.version}::int
      WHERE NOT EXISTS (
        SELECT 1 FROM reminders_sent
        WHERE event_id = ${k.eventId}::uuid AND user_id = ${k.userId}::uuid
          AND offset_minutes = ${k.offsetMinutes}::int AND channel = 'inapp'
          AND (event_version = ${k.version}::int OR sent_at >= ${new Date(due.getTime() - SENT_SLACK_MS)}::timestamptz))
      ON CONFLICT DO NOTHING
      RETURNING event_id
    )
    INSERT INTO notifications (user_id, kind, event_id, dedupe_key, payload)
    SELECT ${k.userId}::uuid, 'reminder', event_id, ${key}, ${JSON.stringify(payload)}::jsonb FROM claimed
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`.execute(ctx.db);
  const inserted = rows[0];
  await pushNotification(ctx, k.userId, key);

  const email = await emailOnce(ctx, key, recipient.email, event, message, {
    wasSent: () => alreadySent(ctx.db, k, 'email', due),
    recordSent: () =>
      ctx.db
        .insertInto('remindersSent')
        .values({
          eventId: k.eventId,
          userId: k.userId,
          offsetMinutes: k.offsetMinutes,
          eventVersion: k.version,
          channel: 'email',
        })
        .onConflict((oc) => oc.doNothing())
        .execute(),
  });
  const telegram = await telegramOnce(ctx, key, k.userId, message, {
    wasSent: () => alreadySent(ctx.db, k, 'telegram', due),
    recordSent: () =>
      ctx.db
        .insertInto('remindersSent')
        .values({
          eventId: k.eventId,
          userId: k.userId,
          offsetMinutes: k.offsetMinutes,
          eventVersion: k.version,
          channel: 'telegram',
        })
        .onConflict((oc) => oc.doNothing())
        .execute(),
  });
  return { inapp: inserted ? 'sent' : 'already_sent', email, ...(telegram ? { telegram } : {}) };
}
