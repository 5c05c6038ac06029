import type { TActor } from '@telemost/core/permissions';
import { type TWhiteboardState, WHITEBOARD_MAX_BYTES } from '@telemost/core/schemas/whiteboard';
import type { Request } from 'express';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { readUpload } from '../materials/materials-view.ts';
import { loadBoard, requireBoardSeat } from './whiteboards.repository.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A participant's page keeps the board's latest snapshot with the api: a PNG with the
 * Excalidraw scene embedded, so a late joiner can load it and the lesson's end can save it as a
 * material. Hosts always may; students while the board is not locked; listeners never.
 */
export async function saveWhiteboard(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  board: number,
  req: Request,
): Promise<TWhiteboardState> {
  const { event, seat } = await requireBoardSeat(ctx, actor, eventId, board);
  if (event.endedAt) {
    req.resume();
    throw new AppError('lesson_ended', 'The lesson has ended; its boards are saved with the materials');
  }
  const state = await loadBoard(ctx, event.id, board);
  if (seat.access === 'listener' || (state.locked && seat.access !== 'host')) {
    req.resume();
    throw forbidden(state.locked ? 'A teacher has locked this board' : 'Listeners only watch the board');
  }
  const upload = await readUpload(req, WHITEBOARD_MAX_BYTES);
  if (!upload.data.subarray(0, 8).equals(PNG)) {
    throw new AppError('unsupported_media_type', 'A board snapshot is a PNG image', {
      fields: [{ field: 'file', message: 'not a PNG' }],
    });
  }
  const now = ctx.now();
  await ctx.db
    .insertInto('whiteboards')
    .values({ eventId: event.id, board, image: upload.data, updatedBy: actor.id, updatedAt: now })
    .onConflict((oc) =>
      oc
        .columns(['eventId', 'board'])
        .doUpdateSet({ image: upload.data, updatedBy: actor.id, updatedAt: now }),
    )
    .execute();
  return loadBoard(ctx, event.id, board);
}
