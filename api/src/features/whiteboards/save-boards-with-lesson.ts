import { randomUUID } from 'node:crypto';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { materialStorage } from '../materials/material-storage.ts';

/** The material's name for a board: the main room's, or a team's. */
export const boardFileName = (board: number) =>
  board === 0 ? 'whiteboard.png' : `whiteboard-team-${board}.png`;

/**
 * The lesson has ended: each board with a snapshot becomes one of the lesson's materials (a PNG
 * that also reopens in Excalidraw, the scene being embedded). Once per board: a repeated end
 * finds the material recorded. Best effort: a store that does not answer is logged, and a repeat
 * of the end saves what is left.
 */
export async function saveBoardsWithLesson(
  ctx: AppContext,
  eventId: string,
  actorId: string,
): Promise<number> {
  const boards = await ctx.db
    .selectFrom('whiteboards')
    .select(['board', 'image'])
    .where('eventId', '=', eventId)
    .where('image', 'is not', null)
    .where('materialId', 'is', null)
    .execute();
  let saved = 0;
  for (const { board, image } of boards) {
    if (!image) continue;
    const id = randomUUID();
    const storageKey = `${eventId}/${id}`;
    try {
      await materialStorage(ctx.env).put(storageKey, image, 'image/png');
      await ctx.db.transaction().execute(async (trx) => {
        // Two ends at once (two api processes): the row lock lets one record the material.
        const claimed = await trx
          .selectFrom('whiteboards')
          .select('board')
          .where('eventId', '=', eventId)
          .where('board', '=', board)
          .where('materialId', 'is', null)
          .forUpdate()
          .executeTakeFirst();
        if (!claimed) return;
        await trx
          .insertInto('materials')
          .values({
            id,
            eventId,
            name: boardFileName(board),
            contentType: 'image/png',
            size: image.length,
            storageKey,
            uploadedBy: actorId,
            uploadedAt: ctx.now(),
          })
          .execute();
        await trx
          .updateTable('whiteboards')
          .set({ materialId: id })
          .where('eventId', '=', eventId)
          .where('board', '=', board)
          .execute();
        await writeAudit(trx, {
          actorId,
          action: 'material.whiteboard_saved',
          entity: 'event',
          entityId: eventId,
          data: { materialId: id, board },
        });
      });
      saved += 1;
    } catch (err) {
      ctx.logger.error({ err: (err as Error).message, eventId, board }, 'whiteboard not saved');
    }
  }
  return saved;
}
