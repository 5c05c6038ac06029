import type { TActor } from '@telemost/core/permissions';
import type { TJoinResponse } from '@telemost/core/schemas/live';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { mintSeatToken, openLiveSeat } from '../join/join-event.ts';
import { findSessionRow } from './programme.repository.ts';

/**
 * A token for a session that has a room of its own, by the rules of the event's hall (the same
 * seats, window and audience mode). A session in the main hall is joined with the event's join.
 */
export async function joinSession(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  sessionId: string,
): Promise<TJoinResponse> {
  const open = await openLiveSeat(ctx, actor, eventId);
  const session = await findSessionRow(ctx.db, open.event.id, sessionId);
  if (!session) throw notFound('Session');
  if (!session.ownRoom) {
    throw new AppError('invalid_state', 'This session is in the main hall: join the event itself', {
      extra: { room: session.hall },
    });
  }
  return mintSeatToken(ctx, actor, open, session.hall);
}
