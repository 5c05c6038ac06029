import type { TActor } from '@telemost/core/permissions';
import type { TEventView } from '@telemost/core/schemas/event';
import type { AppContext } from '../../context.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer, visibleTo } from './events.repository.ts';

/** The most proposals the inbox lists at once; `total` counts them all. */
export const DECISIONS_LIMIT = 100;

/**
 * "Waiting for your decision": proposals not yet over on which the viewer's college has still to
 * answer (for an administrator: any college), earliest first. Each comes as the usual event view,
 * with `myDecisionInstitutionId` naming the side the viewer answers for.
 */
export async function listDecisions(
  ctx: AppContext,
  actor: TActor,
): Promise<{ items: TEventView[]; total: number }> {
  if (actor.role !== 'admin' && !actor.institutionId) return { items: [], total: 0 };
  const institutionId = actor.role === 'admin' ? null : actor.institutionId;
  const q = visibleTo(ctx.db.selectFrom('events as e'), actor)
    .where('e.status', '=', 'proposed')
    .where('e.endAt', '>', ctx.now())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('eventInstitutions as d')
          .select('d.eventId')
          .whereRef('d.eventId', '=', 'e.id')
          .where('d.decision', '=', 'pending')
          .$if(institutionId !== null, (w) => w.where('d.institutionId', '=', institutionId as string)),
      ),
    );
  const [rows, count] = await Promise.all([
    q
      .select(EVENT_COLUMNS.map((c) => `e.${c}` as const))
      .orderBy('e.startAt')
      .orderBy('e.id')
      .limit(DECISIONS_LIMIT)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = await loadEventViews(ctx.db, rows as EventRow[], await loadViewer(ctx.db, actor));
  return { items: items.filter((e) => e.myDecisionInstitutionId !== null), total: Number(count.n) };
}
