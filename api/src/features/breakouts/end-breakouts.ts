import type { TActor } from '@telemost/core/permissions';
import { BreakoutRoomsUnavailable, endRunningBreakouts } from '@telemost/server/classroom/end-breakouts';
import type { AppContext } from '../../context.ts';
import { requireHost } from '../join/require-host.ts';
import { unavailable } from './breakouts-live.ts';

/**
 * A host ends the breakouts: the team rooms are deleted (which puts out anyone still in them),
 * their stays end now, and everyone's client, told over socket.io (`breakouts:changed` with
 * `active: false`), goes back to the main room by itself. The saved plan stays for the next lesson
 * of the series. A LiveKit that does not answer is a 503 and changes nothing (repeat). Idempotent:
 * with none running, `ended: false`. The timer ends them the same way (the worker's
 * `end-breakouts` job).
 */
export async function endBreakouts(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<{ eventId: string; ended: boolean; roomsDeleted: number }> {
  await requireHost(ctx, actor, eventId);
  try {
    const outcome = await endRunningBreakouts(ctx, eventId, {
      actorId: actor.id,
      reason: 'host',
      strict: true,
    });
    return { eventId, ...outcome };
  } catch (err) {
    if (err instanceof BreakoutRoomsUnavailable) throw unavailable();
    throw err;
  }
}
