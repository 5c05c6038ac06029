import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZPairCodeSchema,
  ZSecondCameraAllowSchema,
  ZSecondCameraJoinSchema,
  ZSecondCameraPairSchema,
  ZSecondCameraStatusSchema,
} from '@telemost/core/schemas/second-camera';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { invitationRateLimit } from '../invitations/rate-limit.ts';
import { allowSecondCamera } from './allow-second-camera.ts';
import { joinSecondCamera } from './join-second-camera.ts';
import { pairSecondCamera, secondCameraStatus } from './pair-second-camera.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const CLOSED =
  'Not in this lesson (`forbidden`), too early (`not_yet_open`), over (`join_window_closed`) or ended (`lesson_ended`)';

export function secondCameraRoutes(ctx: AppContext) {
  // The public route shares the invitation links' per-address budget: guessing codes stops there.
  const limited = [invitationRateLimit(ctx)];
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/second-camera',
      summary:
        'A pairing link (shown as a QR code) for a phone to publish its rear camera as this person’s second video: works once, for 5 minutes',
      tags: ['video'],
      auth: true,
      status: 201,
      params: ZEventParams,
      response: ZSecondCameraPairSchema,
      errors: {
        403: `A student a host has not allowed, a listener, or: ${CLOSED}`,
        404: 'No such event',
        409: 'The event is not confirmed',
      },
      handler: ({ actor, params }) => pairSecondCamera(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/second-camera',
      summary:
        'Whether the signed-in person may pair a phone camera in this lesson (hosts always; students once allowed)',
      tags: ['video'],
      auth: true,
      params: ZEventParams,
      response: ZSecondCameraStatusSchema,
      errors: { 403: CLOSED, 404: 'No such event', 409: 'The event is not confirmed' },
      handler: ({ actor, params }) => secondCameraStatus(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/participants/:userId/second-camera',
      summary: 'A host lets a student pair a phone camera for the rest of the lesson, or withdraws it',
      tags: ['video'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema, userId: ZIdSchema }),
      body: ZSecondCameraAllowSchema,
      response: z.object({ userId: z.string(), allowed: z.boolean() }),
      errors: { 403: 'Not a host of this event', 404: 'No such event', 422: 'Not a student of this event' },
      handler: ({ actor, params, body }) =>
        allowSecondCamera(ctx, actor, params.id, params.userId, body.allowed),
    }),
    defineRoute({
      method: 'post',
      path: '/api/second-camera/:code/join',
      summary:
        'Public: a phone opens a pairing link and gets a LiveKit token to publish its camera only, as `<ownerId>#camera`',
      tags: ['video'],
      auth: false,
      before: limited,
      params: z.strictObject({ code: ZPairCodeSchema }),
      response: ZSecondCameraJoinSchema,
      errors: {
        403: `The code's owner may no longer pair a phone, or: ${CLOSED}`,
        404: 'No such pairing code',
        409: 'The owner is not in the lesson room right now (`owner_not_in_room`), or the event is not confirmed',
        410: 'The code was used (`pairing_used`) or has expired (`pairing_expired`)',
        429: 'Too many requests from this address',
        503: 'LiveKit does not answer',
      },
      handler: ({ params }) => joinSecondCamera(ctx, params.code),
    }),
  ];
}
