import type { TActor } from '@telemost/core/permissions';
import { breakoutRoomName } from '@telemost/core/schemas/classroom';
import type { TJoinResponse } from '@telemost/core/schemas/live';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { mintSeatToken, openLiveSeat } from '../join/join-event.ts';
import { loadBreakouts } from './breakouts.repository.ts';

/** A token for a team's room: for its members and for hosts (who visit any team); others 403. */
export async function joinBreakout(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  team: number,
): Promise<TJoinResponse> {
  const open = await openLiveSeat(ctx, actor, eventId);
  const loaded = await loadBreakouts(ctx.db, open.event.id);
  if (!loaded || team > loaded.teamCount) throw notFound('Breakout team');
  const member = loaded.members.find((m) => m.userId === actor.id);
  if (open.seat.access !== 'host' && member?.team !== team) {
    throw forbidden('Only the members of this team and the hosts can join its room');
  }
  const joined = await mintSeatToken(ctx, actor, open, breakoutRoomName(open.event.id, team));
  return {
    ...joined,
    breakout: {
      roomId: team,
      livekitRoom: joined.room,
      endsAt: loaded.endsAt?.toISOString() ?? null,
    },
  };
}
