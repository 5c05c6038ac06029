import type { TActor } from '@telemost/core/permissions';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { loadBreakouts } from './breakouts.repository.ts';
import { handsKey, pushChanged } from './breakouts-live.ts';

/** Someone in a team raises or lowers their hand; hosts see it in the teams' live state. */
export async function setBreakoutHand(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  raised: boolean,
): Promise<{ raised: boolean }> {
  const event = await ctx.db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!event) throw notFound('Event');
  if (!(await findLiveSeat(ctx.db, actor, event.id))) throw forbidden('Not in this lesson');
  const loaded = await loadBreakouts(ctx.db, event.id);
  if (!loaded) throw new AppError('invalid_state', 'No breakouts are running');
  try {
    if (raised) {
      await ctx.redis.sadd(handsKey(ctx, event.id), actor.id);
      await ctx.redis.expire(handsKey(ctx, event.id), 6 * 3600);
    } else await ctx.redis.srem(handsKey(ctx, event.id), actor.id);
  } catch {
    throw new AppError('service_unavailable', 'Please try again');
  }
  await pushChanged(ctx, event.id, loaded);
  return { raised };
}
