import { computeResults } from '@telemost/core/olympiad/scoring';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { type TOlympiadViewer, viewerId } from './jury-guest.ts';
import { loadOlympiad, requireOlympiadEvent, type TOlympiadState } from './olympiad.repository.ts';

async function computeFor(ctx: AppContext, state: TOlympiadState) {
  const marks = state.tasks.length
    ? await ctx.db
        .selectFrom('olympiadMarks')
        .select(['taskId', 'competitorId', 'jurorId', 'passed', 'value', 'score', 'updatedAt'])
        .where(
          'taskId',
          'in',
          state.tasks.map((t) => t.id),
        )
        .execute()
    : [];
  const results = computeResults({
    tasks: state.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      maxScore: t.maxScore,
      scheme: t.scheme ?? undefined,
    })),
    competitors: state.competitors,
    jurors: state.jurors,
    marks: marks.map((m) => ({ ...m, at: new Date(m.updatedAt).toISOString() })),
    thresholds: state.medals,
  });
  const byId = new Map(state.competitors.map((c) => [c.id, c]));
  return {
    eventId: state.eventId,
    published: state.closedAt !== null,
    maxTotal: state.tasks.reduce((s, t) => s + t.maxScore, 0),
    results: results.map((r) => ({
      ...r,
      name: byId.get(r.competitorId)?.name ?? r.competitorId,
      institutionId: byId.get(r.competitorId)?.institutionId ?? null,
    })),
  };
}

/**
 * The results, computed on the server: live for the jury and the hosts (judged scores revealed
 * only when every judge has marked), and for everyone with a seat once the chief expert closed
 * marking.
 */
export async function getResults(ctx: AppContext, viewer: TOlympiadViewer, eventId: string) {
  await requireOlympiadEvent(ctx.db, eventId);
  const state = await loadOlympiad(ctx.db, eventId);
  const seat = viewer.kind === 'user' ? await findLiveSeat(ctx.db, viewer.actor, eventId) : null;
  const insider = seat?.access === 'host' || state.jurors.some((j) => j.id === viewerId(viewer));
  if (!insider && !((seat || viewer.kind === 'guest') && state.closedAt)) {
    throw forbidden(
      seat ? 'The results are published when the chief expert closes marking' : 'Not one of this olympiad',
    );
  }
  return computeFor(ctx, state);
}
