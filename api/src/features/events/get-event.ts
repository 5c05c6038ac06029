import type { TActor, TEventView } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer, visibleTo } from './events.repository.ts';

/** One event as the viewer may see it; 404 when it does not exist or is not theirs to see. */
export async function getEventRowVisible(ctx: AppContext, actor: TActor, id: string): Promise<EventRow> {
  const row = await visibleTo(
    ctx.db
      .selectFrom('events as e')
      .select(EVENT_COLUMNS.map((c) => `e.${c}` as const))
      .where('e.id', '=', id),
    actor,
  ).executeTakeFirst();
  if (!row) throw notFound('Event');
  return row as EventRow;
}

export async function getEvent(ctx: AppContext, actor: TActor, id: string): Promise<TEventView> {
  const row = await getEventRowVisible(ctx, actor, id);
  const [view] = await loadEventViews(ctx.db, [row], await loadViewer(ctx.db, actor));
  return view!;
}
