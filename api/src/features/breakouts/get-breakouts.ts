import type { TActor } from '@telemost/core/permissions';
import type { TBreakouts } from '@telemost/core/schemas/classroom';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { breakoutsView, loadBreakouts } from './breakouts.repository.ts';
import { hostView } from './breakouts-live.ts';

/** Anyone with a seat sees the teams and their own; hosts also who is in each room and raised hands. */
export async function getBreakouts(ctx: AppContext, actor: TActor, eventId: string): Promise<TBreakouts> {
  const event = await ctx.db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (!seat) throw forbidden('Only participants of this event and staff of its colleges can see its teams');
  if (seat.access === 'host') return hostView(ctx, event.id, actor.id);
  return breakoutsView(event.id, await loadBreakouts(ctx.db, event.id), { viewerId: actor.id, host: false });
}
