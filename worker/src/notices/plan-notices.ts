import type { TWorkerContext } from '../context.ts';
import { loadCoordinatorIds, loadParticipantIds, type TEventSnapshot } from '../events/events.repository.ts';
import type { TNoticeKind } from '../messages/texts.ts';
import { noticeJobId } from './notice-job-id.ts';
import { sendNoticeJob } from './send-notice.job.ts';

/** Outbox topics that tell people something, and what they tell. */
export const NOTICE_TOPICS: Record<string, TNoticeKind> = {
  'event.proposed': 'proposed',
  'event.confirmed': 'confirmed',
  'event.declined': 'declined',
  'event.rescheduled': 'rescheduled',
  'event.cancelled': 'cancelled',
};

/**
 * Who hears about a change:
 * - a proposal: the other colleges' coordinators and the teachers booked from those colleges,
 *   who are the ones to confirm or decline;
 * - a reschedule: every participant, and the coordinators of the colleges that must confirm again;
 * - a confirmation, decline or cancellation: every participant and the involved coordinators.
 * Never the person who made the change.
 */
export async function noticeRecipients(
  ctx: TWorkerContext,
  kind: TNoticeKind,
  event: TEventSnapshot,
  actorId: string | null,
): Promise<string[]> {
  const participants = await loadParticipantIds(ctx.db, [event.id]);
  const ids = new Set<string>();
  if (kind === 'proposed') {
    const others = event.sides
      .filter((s) => s.institutionId !== event.organizerInstitutionId)
      .map((s) => s.institutionId);
    for (const c of await loadCoordinatorIds(ctx.db, others)) ids.add(c.userId);
    for (const p of participants)
      if (p.role === 'teacher' && others.includes(p.institutionId)) ids.add(p.userId);
  } else {
    const coordinatorSides =
      kind === 'rescheduled'
        ? event.sides.filter((s) => s.decision === 'pending').map((s) => s.institutionId)
        : event.sides.map((s) => s.institutionId);
    for (const p of participants) ids.add(p.userId);
    for (const c of await loadCoordinatorIds(ctx.db, coordinatorSides)) ids.add(c.userId);
  }
  if (actorId) ids.delete(actorId);
  return [...ids].sort();
}

/** Queues one notice job per recipient; the deterministic ids make a re-delivered outbox row a no-op. */
export async function planNotices(
  ctx: TWorkerContext,
  kind: TNoticeKind,
  event: TEventSnapshot,
  version: number,
  actorId: string | null,
): Promise<number> {
  const recipients = await noticeRecipients(ctx, kind, event, actorId);
  await ctx.enqueueMany(
    sendNoticeJob,
    recipients.map((userId) => {
      const data = { eventId: event.id, userId, kind, version, actorId };
      return { data, options: { jobId: noticeJobId(data) } };
    }),
  );
  return recipients.length;
}
