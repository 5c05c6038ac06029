import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZBoardSchema,
  ZWhiteboardLockSchema,
  ZWhiteboardStateSchema,
} from '@telemost/core/schemas/whiteboard';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { clearWhiteboard, getWhiteboard, getWhiteboardImage, lockWhiteboard } from './board-controls.ts';
import { saveWhiteboard } from './save-whiteboard.ts';

const ZBoardParams = z.strictObject({ id: ZIdSchema, board: ZBoardSchema });
const SEAT = "Not in this lesson, or the board is another team's";

export function whiteboardRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events/:id/whiteboards/:board',
      summary: 'A lesson board’s state: 0 is the main room’s, n the breakout team n’s',
      tags: ['classroom'],
      auth: true,
      params: ZBoardParams,
      response: ZWhiteboardStateSchema,
      errors: { 403: SEAT, 404: 'No such event' },
      handler: ({ actor, params }) => getWhiteboard(ctx, actor, params.id, params.board),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/whiteboards/:board/image',
      summary: 'The board’s latest snapshot: a PNG with the Excalidraw scene embedded (for late joiners)',
      tags: ['classroom'],
      auth: true,
      params: ZBoardParams,
      produces: 'image/png',
      errors: { 403: SEAT, 404: 'No such event, or nothing drawn yet' },
      handler: ({ actor, params, res }) => getWhiteboardImage(ctx, actor, params.id, params.board, res),
    }),
    defineRoute({
      method: 'put',
      path: '/api/events/:id/whiteboards/:board/image',
      summary:
        'Keep the board’s latest snapshot (multipart, field `file`, a PNG up to 5 MB): hosts, and students while it is not locked',
      tags: ['classroom'],
      auth: true,
      params: ZBoardParams,
      multipartFile: 'file',
      response: ZWhiteboardStateSchema,
      errors: {
        400: 'The multipart body is broken',
        403: `${SEAT}; the board is locked; a listener; or the lesson has ended (\`lesson_ended\`)`,
        404: 'No such event',
        413: 'Larger than 5 MB',
        415: 'Not multipart/form-data, or not a PNG',
        422: 'No file in the field `file`',
      },
      handler: ({ actor, params, req }) => saveWhiteboard(ctx, actor, params.id, params.board, req),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/whiteboards/:board/lock',
      summary:
        'A host locks a board (everyone else only watches) or unlocks it; the lock is in the room metadata',
      tags: ['classroom'],
      auth: true,
      params: ZBoardParams,
      body: ZWhiteboardLockSchema,
      response: ZWhiteboardStateSchema,
      errors: { 403: 'Not a host of this event', 404: 'No such event' },
      handler: ({ actor, params, body }) => lockWhiteboard(ctx, actor, params.id, params.board, body.locked),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/whiteboards/:board',
      summary: 'A host clears a board (its kept snapshot is dropped)',
      tags: ['classroom'],
      auth: true,
      params: ZBoardParams,
      response: ZWhiteboardStateSchema,
      errors: { 403: 'Not a host of this event', 404: 'No such event' },
      handler: ({ actor, params }) => clearWhiteboard(ctx, actor, params.id, params.board),
    }),
  ];
}
