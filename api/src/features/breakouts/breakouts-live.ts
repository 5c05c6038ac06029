import type { TActor } from '@telemost/core/permissions';
import {
  breakoutRoomName,
  type TBreakouts,
  type TBreakoutsChangedMessage,
} from '@telemost/core/schemas/classroom';
import { breakoutHandsKey } from '@telemost/server/classroom/end-breakouts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { openLiveSeat } from '../join/join-event.ts';
import { requireHost } from '../join/require-host.ts';
import {
  breakoutsView,
  loadBreakouts,
  presentInTeams,
  type TLoadedBreakouts,
} from './breakouts.repository.ts';

// What the breakout use cases share: the socket.io push, the hosts' view, raised hands.

export const MINUTE = 60_000;
export const encoder = new TextEncoder();
/** LiveKit did not answer. */
export const unavailable = () =>
  new AppError('service_unavailable', 'The video server does not answer; please try again');

/** The raised hands in an event's teams (a Redis set of identities), under the deployment's prefix. */
export function handsKey(ctx: Pick<AppContext, 'env'>, eventId: string) {
  return breakoutHandsKey(ctx.env, eventId);
}

/** Who has a hand up in a team now (empty when Redis does not answer). */
export async function raisedHands(ctx: AppContext, eventId: string): Promise<Set<string>> {
  try {
    return new Set(await ctx.redis.smembers(handsKey(ctx, eventId)));
  } catch {
    return new Set();
  }
}

/** Tells the event's watchers (`breakouts:changed`) the teams as they are now; null: ended. */
export async function pushChanged(ctx: AppContext, eventId: string, loaded: TLoadedBreakouts | null) {
  const message: TBreakoutsChangedMessage = {
    eventId,
    active: loaded !== null,
    endsAt: loaded?.endsAt?.toISOString() ?? null,
    rooms: loaded
      ? Array.from({ length: loaded.teamCount }, (_, i) => ({
          id: i + 1,
          livekitRoom: breakoutRoomName(eventId, i + 1),
          memberIds: loaded.members.filter((m) => m.team === i + 1).map((m) => m.userId),
        }))
      : [],
    hands: loaded ? [...(await raisedHands(ctx, eventId))] : [],
  };
  ctx.realtime?.toEvent(eventId, 'breakouts:changed', message);
}

/** A host's view of the teams, with who is in each room now and the raised hands. */
export async function hostView(ctx: AppContext, eventId: string, viewerId: string): Promise<TBreakouts> {
  const loaded = await loadBreakouts(ctx.db, eventId);
  return breakoutsView(eventId, loaded, {
    viewerId,
    host: true,
    present: await presentInTeams(ctx.db, eventId),
    hands: await raisedHands(ctx, eventId),
  });
}

/** A host's lesson must be live to split it: confirmed, not ended, within the join window. */
export async function requireLiveHost(ctx: AppContext, actor: TActor, eventId: string) {
  await requireHost(ctx, actor, eventId);
  return openLiveSeat(ctx, actor, eventId);
}
