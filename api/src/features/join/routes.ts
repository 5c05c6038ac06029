import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZEndLessonResponseSchema,
  ZJoinResponseSchema,
  ZMuteRequestSchema,
  ZScreenShareRequestSchema,
} from '@telemost/core/schemas/live';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { endLesson } from './end-lesson.ts';
import { grantScreenShare } from './grant-screen-share.ts';
import { joinEvent } from './join-event.ts';
import { muteParticipant } from './mute-participant.ts';
import { removeParticipant } from './remove-participant.ts';

const ZParticipantParams = z.strictObject({ id: ZIdSchema, userId: ZIdSchema });

export function joinRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/join',
      summary: 'A LiveKit token for the event’s video room, with grants by role',
      tags: ['video'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: ZJoinResponseSchema,
      errors: {
        403: 'Not a participant (`forbidden`), too early (`not_yet_open`, with `opensAt`), over (`join_window_closed`) or ended by a host (`lesson_ended`, with `endedAt`)',
        404: 'No such event',
        409: 'The event is not confirmed',
      },
      handler: ({ actor, params }) => joinEvent(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/end',
      summary:
        'A host ends the video lesson for everyone: the room is deleted, stays are closed, joining is refused from then on (idempotent)',
      tags: ['video'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: ZEndLessonResponseSchema,
      errors: {
        403: 'Not a host of this event',
        404: 'No such event',
        409: 'The event is not confirmed, or its lesson has not begun (`invalid_state`)',
        503: 'LiveKit does not answer (the end is recorded; repeat to delete the room)',
      },
      handler: ({ actor, params }) => endLesson(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/participants/:userId/screen-share',
      summary: 'A host lets a student share their screen, or withdraws it',
      tags: ['video'],
      auth: true,
      params: ZParticipantParams,
      body: ZScreenShareRequestSchema,
      response: z.object({ userId: z.string(), allowed: z.boolean(), appliedLive: z.boolean() }),
      errors: { 403: 'Not a host of this event', 404: 'No such event' },
      handler: ({ actor, params, body }) =>
        grantScreenShare(ctx, actor, params.id, params.userId, body.allowed),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/participants/:userId/mute',
      summary: 'A host mutes a participant’s microphone, camera or screen share',
      tags: ['video'],
      auth: true,
      params: ZParticipantParams,
      body: ZMuteRequestSchema,
      response: z.object({ identity: z.string(), source: z.string(), muted: z.boolean() }),
      errors: {
        403: 'Not a host of this event',
        404: 'No such event, or the person is not in the room',
        503: 'LiveKit does not answer',
      },
      handler: ({ actor, params, body }) =>
        muteParticipant(ctx, actor, params.id, params.userId, body.source),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/participants/:userId/remove',
      summary: 'A host removes a participant from the video room (they may join again)',
      tags: ['video'],
      auth: true,
      params: ZParticipantParams,
      response: z.object({ identity: z.string(), removed: z.literal(true) }),
      errors: {
        403: "Not a host of this event, or the person is a partner college's teacher",
        404: 'No such event, or the person is not in the room',
        503: 'LiveKit does not answer',
      },
      handler: ({ actor, params }) => removeParticipant(ctx, actor, params.id, params.userId),
    }),
  ];
}
