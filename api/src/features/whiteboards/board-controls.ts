import type { TActor } from '@telemost/core/permissions';
import type { TWhiteboardState } from '@telemost/core/schemas/whiteboard';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { Response } from 'express';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadBoard, pushRoomMetadata, requireBoardSeat } from './whiteboards.repository.ts';

/** A board's state (locked, whether a snapshot is kept). */
export async function getWhiteboard(ctx: AppContext, actor: TActor, eventId: string, board: number) {
  const { event } = await requireBoardSeat(ctx, actor, eventId, board);
  return loadBoard(ctx, event.id, board);
}

/** The board's latest snapshot (PNG with the scene embedded), for a late joiner. */
export async function getWhiteboardImage(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  board: number,
  res: Response,
): Promise<void> {
  const { event } = await requireBoardSeat(ctx, actor, eventId, board);
  const row = await ctx.db
    .selectFrom('whiteboards')
    .select('image')
    .where('eventId', '=', event.id)
    .where('board', '=', board)
    .executeTakeFirst();
  if (!row?.image) throw notFound('Board snapshot');
  res.status(200);
  res.setHeader('content-type', 'image/png');
  res.setHeader('cache-control', 'private, no-store');
  res.end(row.image);
}

/**
 * A host locks a board (everyone else only watches) or unlocks it. The lock is kept with the
 * lesson, enforced by the api for snapshots, and put in the rooms' metadata, which every client
 * reads: a locked board's clients ignore changes from anyone but a host.
 */
export async function lockWhiteboard(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  board: number,
  locked: boolean,
): Promise<TWhiteboardState> {
  const event = await requireHost(ctx, actor, eventId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('whiteboards')
      .values({ eventId: event.id, board, locked })
      .onConflict((oc) => oc.columns(['eventId', 'board']).doUpdateSet({ locked }))
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: locked ? 'live.whiteboard_locked' : 'live.whiteboard_unlocked',
      entity: 'event',
      entityId: event.id,
      data: { board },
    });
  });
  await pushRoomMetadata(ctx, event.id);
  return loadBoard(ctx, event.id, board);
}

/** A host clears a board: its snapshot is dropped (the page tells the others to clear theirs). */
export async function clearWhiteboard(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  board: number,
): Promise<TWhiteboardState> {
  const event = await requireHost(ctx, actor, eventId);
  await ctx.db
    .updateTable('whiteboards')
    .set({ image: null, updatedBy: actor.id, updatedAt: ctx.now() })
    .where('eventId', '=', event.id)
    .where('board', '=', board)
    .execute();
  return loadBoard(ctx, event.id, board);
}
