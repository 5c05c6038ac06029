import {
  ZBreakoutBroadcastResultSchema,
  ZBreakoutBroadcastSchema,
  ZBreakoutHandSchema,
  ZBreakoutRoomIdSchema,
  ZBreakoutsSchema,
  ZCreateBreakoutsSchema,
  ZEndBreakoutsResponseSchema,
  ZMoveBreakoutMemberSchema,
} from '@telemost/core/schemas/classroom';
import { ZIdSchema } from '@telemost/core/schemas/common';
import { ZJoinResponseSchema } from '@telemost/core/schemas/live';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { broadcastToBreakouts } from './broadcast-to-breakouts.ts';
import { createBreakouts } from './create-breakouts.ts';
import { endBreakouts } from './end-breakouts.ts';
import { getBreakouts } from './get-breakouts.ts';
import { joinBreakout } from './join-breakout.ts';
import { moveToBreakout } from './move-to-breakout.ts';
import { setBreakoutHand } from './set-breakout-hand.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const ZTeamParams = z.strictObject({ id: ZIdSchema, roomId: ZBreakoutRoomIdSchema });
const HOST_ONLY = 'Not a host of this event';
const NO_LIVEKIT = 'LiveKit does not answer (nothing changed; repeat)';

export function breakoutRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/breakouts',
      summary:
        'A host of either college splits the lesson into breakout teams (mixed across colleges, at random or by hand), each its own LiveKit room',
      tags: ['classroom'],
      auth: true,
      status: 201,
      params: ZEventParams,
      body: ZCreateBreakoutsSchema,
      response: ZBreakoutsSchema,
      errors: {
        403: `${HOST_ONLY}, or the lesson is not open (\`not_yet_open\`, \`join_window_closed\`, \`lesson_ended\`)`,
        409: 'The event is not confirmed, or breakouts are already running (`invalid_state`)',
        503: NO_LIVEKIT,
      },
      handler: ({ actor, params, body }) => createBreakouts(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/breakouts',
      summary:
        'The breakout teams and the asker’s own; hosts also see who is in each team’s room and raised hands',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      response: ZBreakoutsSchema,
      errors: { 403: 'Not in this lesson' },
      handler: ({ actor, params }) => getBreakouts(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/breakouts',
      summary: 'A host ends the breakouts: team rooms deleted, everyone back to the main room (idempotent)',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      response: ZEndBreakoutsResponseSchema,
      errors: { 403: HOST_ONLY, 503: NO_LIVEKIT },
      handler: ({ actor, params }) => endBreakouts(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/breakouts/:roomId/join',
      summary: 'A short-lived LiveKit token for a team’s room: its members and hosts only',
      tags: ['classroom'],
      auth: true,
      params: ZTeamParams,
      response: ZJoinResponseSchema,
      errors: {
        403: 'Not a member of this team nor a host (`forbidden`), or the lesson is not open',
        404: 'No such event, or no such team running',
        409: 'The event is not confirmed',
      },
      handler: ({ actor, params }) => joinBreakout(ctx, actor, params.id, params.roomId),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/events/:id/breakouts/:roomId',
      summary: 'A host moves a student into this team (the saved plan follows)',
      tags: ['classroom'],
      auth: true,
      params: ZTeamParams,
      body: ZMoveBreakoutMemberSchema,
      response: ZBreakoutsSchema,
      errors: { 403: HOST_ONLY, 404: 'No such event, or no such team running' },
      handler: ({ actor, params, body }) => moveToBreakout(ctx, actor, params.id, params.roomId, body.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/breakouts/broadcast',
      summary: 'A host sends a message to every team (a LiveKit data message on topic `broadcast`)',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      body: ZBreakoutBroadcastSchema,
      response: ZBreakoutBroadcastResultSchema,
      errors: { 403: HOST_ONLY, 409: 'No breakouts are running', 503: 'LiveKit does not answer' },
      handler: ({ actor, params, body }) => broadcastToBreakouts(ctx, actor, params.id, body.message),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/breakouts/hand',
      summary: 'Raise or lower one’s hand in a team (hosts see it in the teams’ live state)',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      body: ZBreakoutHandSchema,
      response: z.object({ raised: z.boolean() }),
      errors: { 403: 'Not in this lesson', 409: 'No breakouts are running', 503: 'Redis does not answer' },
      handler: ({ actor, params, body }) => setBreakoutHand(ctx, actor, params.id, body.raised),
    }),
  ];
}
