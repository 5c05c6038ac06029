import type { TActor } from '@telemost/core/permissions';
import type { TEventView } from '@telemost/core/schemas/event';
import type { AppContext } from '../../context.ts';
import { getEventRowVisible } from './event-checks.ts';
import { loadEventViews, loadViewer } from './events.repository.ts';

export async function getEvent(ctx: AppContext, actor: TActor, id: string): Promise<TEventView> {
  const row = await getEventRowVisible(ctx, actor, id);
  const [view] = await loadEventViews(ctx.db, [row], await loadViewer(ctx.db, actor));
  return view!;
}
