import { ZIdSchema } from '@telemost/core/schemas/common';
import { ZJoinResponseSchema } from '@telemost/core/schemas/live';
import {
  ZCreateProgrammeSessionSchema,
  ZProgrammeSchema,
  ZProgrammeSessionSchema,
  ZPromotedSpeakerSchema,
  ZPromoteSpeakerSchema,
  ZUpdateProgrammeSessionSchema,
} from '@telemost/core/schemas/programme';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { getProgramme } from './get-programme.ts';
import { joinSession } from './join-session.ts';
import { createSession, deleteSession, updateSession } from './save-session.ts';
import { demoteSpeaker, listSpeakers, promoteSpeaker } from './speakers.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const ZSessionParams = z.strictObject({ id: ZIdSchema, sessionId: ZIdSchema });
const NOT_HOST = 'Not a host of this event';
const NO_PROGRAMME =
  'Not a conference or cultural event, or it is cancelled or declined (`invalid_state`); or (409 `conflict`, field `start`) another session takes the same room at that time';
const INVALID =
  'Bad input, times outside the event (`start`/`end`, code `outside_event`) or a speaker who is not of the event (`speakers.<n>.userId` / `.invitationId`)';

export function programmeRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events/:id/programme',
      summary:
        'Public: the programme of a conference or cultural event, each session in UTC and on the Moscow and Karaganda clocks',
      tags: ['programme'],
      auth: false,
      params: ZEventParams,
      response: ZProgrammeSchema,
      errors: { 404: 'No such conference or cultural event' },
      handler: ({ params }) => getProgramme(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/programme/sessions',
      summary: 'A host of either college adds a session (title, speakers, times, main hall or its own room)',
      tags: ['programme'],
      auth: true,
      status: 201,
      params: ZEventParams,
      body: ZCreateProgrammeSessionSchema,
      response: ZProgrammeSessionSchema,
      errors: { 403: NOT_HOST, 404: 'No such event', 409: NO_PROGRAMME, 422: INVALID },
      handler: ({ actor, params, body }) => createSession(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/events/:id/programme/sessions/:sessionId',
      summary: 'A host changes a session; the result is checked again as a whole',
      tags: ['programme'],
      auth: true,
      params: ZSessionParams,
      body: ZUpdateProgrammeSessionSchema,
      response: ZProgrammeSessionSchema,
      errors: { 403: NOT_HOST, 404: 'No such event or session', 409: NO_PROGRAMME, 422: INVALID },
      handler: ({ actor, params, body }) => updateSession(ctx, actor, params.id, params.sessionId, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/programme/sessions/:sessionId',
      summary: 'A host removes a session from the programme',
      tags: ['programme'],
      auth: true,
      params: ZSessionParams,
      response: z.object({ id: ZIdSchema, deleted: z.literal(true) }),
      errors: { 403: NOT_HOST, 404: 'No such event or session', 409: NO_PROGRAMME },
      handler: ({ actor, params }) => deleteSession(ctx, actor, params.id, params.sessionId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/programme/sessions/:sessionId/join',
      summary:
        'A LiveKit token for a session that has a room of its own (the hall’s rules: window, audience mode)',
      tags: ['programme', 'video'],
      auth: true,
      params: ZSessionParams,
      response: ZJoinResponseSchema,
      errors: {
        403: 'Not a participant, or outside the join window',
        404: 'No such event or session',
        409: 'The event is not confirmed, or the session is in the main hall (`invalid_state`)',
      },
      handler: ({ actor, params }) => joinSession(ctx, actor, params.id, params.sessionId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/speakers',
      summary: 'Who of the audience a host promoted to speaker (hosts only)',
      tags: ['programme', 'video'],
      auth: true,
      params: ZEventParams,
      response: z.array(ZPromotedSpeakerSchema),
      errors: { 403: NOT_HOST, 404: 'No such event', 409: NO_PROGRAMME },
      handler: ({ actor, params }) => listSpeakers(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/speakers',
      summary:
        'A host of either college promotes someone of the audience (a raised hand) to speaker: applied live in LiveKit and kept for their reconnects',
      tags: ['programme', 'video'],
      auth: true,
      params: ZEventParams,
      body: ZPromoteSpeakerSchema,
      response: ZPromotedSpeakerSchema,
      errors: {
        403: NOT_HOST,
        404: 'No such event',
        409: NO_PROGRAMME,
        422: 'The identity is not of the audience (field `identity`, code `not_in_audience`)',
      },
      handler: ({ actor, params, body }) => promoteSpeaker(ctx, actor, params.id, body.identity),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/speakers/:identity',
      summary: 'A host demotes a promoted speaker back to the audience (idempotent)',
      tags: ['programme', 'video'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema, identity: z.string().min(1).max(200) }),
      response: ZPromotedSpeakerSchema,
      errors: { 403: NOT_HOST, 404: 'No such event', 409: NO_PROGRAMME },
      handler: ({ actor, params }) => demoteSpeaker(ctx, actor, params.id, params.identity),
    }),
  ];
}
