import type { TNotificationPayload } from '@telemost/core/schemas/notification';
import { sql } from 'kysely';
import type { TWorkerContext } from '../context.ts';
import { emailOnce } from '../delivery/email-once.ts';
import { pushNotification } from '../delivery/push-notification.ts';
import { telegramOnce } from '../delivery/telegram.ts';
import { loadEventSnapshot, loadRecipients } from '../events/events.repository.ts';
import { renderNotice } from '../messages/render-message.ts';
import type { TNoticeKind } from '../messages/texts.ts';
import { noticeJobId, type TNoticeKey } from './notice-job-id.ts';

/** The statuses in which a notice of each kind still tells the truth. */
const STILL_TRUE: Record<TNoticeKind, string[]> = {
  proposed: ['proposed'],
  confirmed: ['confirmed'],
  declined: ['declined'],
  rescheduled: ['proposed', 'confirmed'],
  cancelled: ['cancelled'],
};

export type TNoticeOutcome =
  | { skipped: 'event_gone' | 'superseded' | 'no_recipient' }
  | {
      inapp: 'sent' | 'already_sent';
      email: 'sent' | 'already_sent' | 'off';
      /** Only when Telegram is on and the person linked a chat. */
      telegram?: 'sent' | 'already_sent';
    };

/**
 * Sends one notice to one person, once: in-app (a notification row with the job id as dedupe key,
 * then a push) and by e-mail with the .ics (recorded on that row as `emailSentAt`). A notice whose
 * event has moved on (a newer version, or a status it no longer has) is dropped: the newer change
 * brings its own notice.
 */
export async function sendNotice(ctx: TWorkerContext, k: TNoticeKey): Promise<TNoticeOutcome> {
  const event = await loadEventSnapshot(ctx.db, k.eventId);
  if (!event) return { skipped: 'event_gone' };
  if (event.version !== k.version || !STILL_TRUE[k.kind].includes(event.status))
    return { skipped: 'superseded' };
  const [recipient] = await loadRecipients(ctx.db, [k.userId]);
  if (!recipient) return { skipped: 'no_recipient' };
  const actor = k.actorId
    ? ((await ctx.db
        .selectFrom('users')
        .select(['name', 'institutionId'])
        .where('id', '=', k.actorId)
        .executeTakeFirst()) ?? null)
    : null;

  const key = noticeJobId(k);
  const message = renderNotice(k.kind, event, recipient, ctx.publicUrl, actor);
  const payload: TNotificationPayload = {
    title: message.title,
    body: message.body,
    url: message.url,
    times: message.times,
    start: event.startAt.toISOString(),
    end: event.endAt.toISOString(),
    status: event.status,
    version: event.version,
  };
  const inserted = await ctx.db
    .insertInto('notifications')
    .values({
      userId: k.userId,
      kind: `event.${k.kind}`,
      eventId: k.eventId,
      dedupeKey: key,
      payload: JSON.stringify(payload),
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  await pushNotification(ctx, k.userId, key);

  const email = await emailOnce(ctx, key, recipient.email, event, message, {
    wasSent: async () => {
      const row = await ctx.db
        .selectFrom('notifications')
        .select(sql<string | null>`payload->>'emailSentAt'`.as('emailSentAt'))
        .where('dedupeKey', '=', key)
        .executeTakeFirst();
      return Boolean(row?.emailSentAt);
    },
    recordSent: () =>
      ctx.db
        .updateTable('notifications')
        .set({ payload: sql`payload || jsonb_build_object('emailSentAt', now())` })
        .where('dedupeKey', '=', key)
        .execute(),
  });
  // Telegram: a proposal that waits for this person's college carries Confirm and Decline.
  const side = event.sides.find((s) => s.institutionId === recipient.institutionId);
  const decides =
    (k.kind === 'proposed' || k.kind === 'rescheduled') &&
    event.status === 'proposed' &&
    (recipient.role === 'coordinator' || recipient.role === 'teacher') &&
    side?.decision === 'pending';
  const telegram = await telegramOnce(
    ctx,
    key,
    k.userId,
    message,
    {
      wasSent: async () => {
        const row = await ctx.db
          .selectFrom('notifications')
          .select(sql<string | null>`payload->>'telegramSentAt'`.as('telegramSentAt'))
          .where('dedupeKey', '=', key)
          .executeTakeFirst();
        return Boolean(row?.telegramSentAt);
      },
      recordSent: () =>
        ctx.db
          .updateTable('notifications')
          .set({ payload: sql`payload || jsonb_build_object('telegramSentAt', now())` })
          .where('dedupeKey', '=', key)
          .execute(),
    },
    decides ? { eventId: event.id, version: event.version } : undefined,
  );
  return { inapp: inserted ? 'sent' : 'already_sent', email, ...(telegram ? { telegram } : {}) };
}
