import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { type TOlympiadViewer, viewerId } from './jury-guest.ts';
import { loadOlympiad, requireOlympiadEvent, toOlympiadView } from './olympiad.repository.ts';

/** The olympiad (jury, competitors, tasks, whether closed), for anyone with a seat in the event. */
export async function getOlympiad(ctx: AppContext, viewer: TOlympiadViewer, eventId: string) {
  await requireOlympiadEvent(ctx.db, eventId);
  // A juror invited by link is one of it by the credential (checked when it was read).
  if (viewer.kind === 'user' && !(await findLiveSeat(ctx.db, viewer.actor, eventId))) {
    throw forbidden('Not one of this olympiad');
  }
  return toOlympiadView(await loadOlympiad(ctx.db, eventId));
}

/** Every change of a mark (who, when, from what, to what), for hosts and the jury. */
export async function getMarkAudit(ctx: AppContext, viewer: TOlympiadViewer, eventId: string) {
  await requireOlympiadEvent(ctx.db, eventId);
  const state = await loadOlympiad(ctx.db, eventId);
  const seat = viewer.kind === 'user' ? await findLiveSeat(ctx.db, viewer.actor, eventId) : null;
  if (seat?.access !== 'host' && !state.jurors.some((j) => j.id === viewerId(viewer))) {
    throw forbidden('The audit is for the hosts and the jury');
  }
  const rows = await ctx.db
    .selectFrom('auditLog')
    .select(['at', 'actorId', 'data'])
    .where('entity', '=', 'event')
    .where('entityId', '=', eventId)
    .where('action', '=', 'olympiad.mark_set')
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const d = r.data as {
      taskId: string;
      competitorId: string;
      jurorId?: string;
      guest?: { displayName: string; label: string | null };
      from: Record<string, unknown> | null;
      to: Record<string, unknown>;
    };
    return {
      at: new Date(r.at).toISOString(),
      actorId: r.actorId,
      // Marks set before jurors could come by link name their juror by the actor only.
      jurorId: d.jurorId ?? r.actorId,
      byGuest: d.guest ? { displayName: d.guest.displayName, label: d.guest.label } : null,
      taskId: d.taskId,
      competitorId: d.competitorId,
      from: d.from,
      to: d.to,
    };
  });
}
