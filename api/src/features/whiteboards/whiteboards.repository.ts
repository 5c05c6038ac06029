import type { TActor } from '@telemost/core/permissions';
import { breakoutRoomName } from '@telemost/core/schemas/classroom';
import type { TWhiteboardState } from '@telemost/core/schemas/whiteboard';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { loadRoomMetadata } from '@telemost/server/livekit/room-metadata';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';

/** A board's state as the api answers it (a board nobody drew on is empty and unlocked). */
export async function loadBoard(ctx: AppContext, eventId: string, board: number): Promise<TWhiteboardState> {
  const row = await ctx.db
    .selectFrom('whiteboards')
    .select(['locked', 'updatedAt'])
    .select((eb) => eb('image', 'is not', null).as('hasSnapshot'))
    .where('eventId', '=', eventId)
    .where('board', '=', board)
    .executeTakeFirst();
  return {
    board,
    locked: row?.locked ?? false,
    hasSnapshot: Boolean(row?.hasSnapshot),
    updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  };
}

/**
 * Who may see a board: anyone with a seat in the lesson sees the main room's (0); a team's
 * board is for that team's members and the hosts. Returns the seat and the event.
 */
export async function requireBoardSeat(ctx: AppContext, actor: TActor, eventId: string, board: number) {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (!seat) throw forbidden('The whiteboard is for participants of this lesson');
  if (board > 0 && seat.access !== 'host') {
    const member = await ctx.db
      .selectFrom('breakoutMembers')
      .select('team')
      .where('eventId', '=', event.id)
      .where('userId', '=', actor.id)
      .executeTakeFirst();
    if (member?.team !== board) throw forbidden("This board is another team's");
  }
  return { event, seat };
}

/**
 * Tells the lesson's rooms (the main room and the teams') the new room metadata, which carries
 * the boards' locks: clients read it from the room, where no participant can forge it.
 */
export async function pushRoomMetadata(ctx: AppContext, eventId: string): Promise<void> {
  const metadata = await loadRoomMetadata(ctx.db, eventId);
  if (!metadata) return;
  const teams = await ctx.db
    .selectFrom('breakouts')
    .select('teamCount')
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  const names = [
    eventId,
    ...Array.from({ length: teams?.teamCount ?? 0 }, (_, i) => breakoutRoomName(eventId, i + 1)),
  ];
  const rooms = createRoomService(ctx.env);
  await Promise.all(
    names.map((name) =>
      rooms
        .updateRoomMetadata(name, metadata)
        .catch((err: Error) =>
          ctx.logger.debug({ err: err.message, room: name }, 'room metadata not updated'),
        ),
    ),
  );
}
