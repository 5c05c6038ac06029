import type { TActor } from '@telemost/core/permissions';
import type { AppContext } from '../../context.ts';
import { loadPolls, requireSeat } from './polls-view.ts';

/** The lesson's polls with live results, per college and in total. */
export async function listPolls(ctx: AppContext, actor: TActor, eventId: string) {
  const { seat } = await requireSeat(ctx, actor, eventId);
  return { items: await loadPolls(ctx, eventId, { id: actor.id, seat }) };
}
