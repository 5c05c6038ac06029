import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZCreatedInvitationSchema,
  ZCreateInvitationSchema,
  ZInvitationInfoSchema,
  ZInvitationJoinedSchema,
  ZInvitationJoinSchema,
  ZInvitationSchema,
  ZInvitationTokenSchema,
  ZInvitationWaitingSchema,
  ZJuryCredentialRequestSchema,
  ZJuryCredentialSchema,
  ZLobbyDecisionSchema,
  ZLobbyEntrySchema,
  ZLobbyPollQuerySchema,
  ZLobbyPollSchema,
} from '@telemost/core/schemas/invitation';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { issueJuryCredential } from '../olympiads/jury-guest.ts';
import { createInvitation } from './create-invitation.ts';
import { getInvitationInfo } from './get-invitation-info.ts';
import { joinByInvitation } from './join-by-invitation.ts';
import { listInvitations } from './list-invitations.ts';
import { decideLobby, listLobby, pollLobby } from './lobby.ts';
import { invitationRateLimit } from './rate-limit.ts';
import { revokeInvitation } from './revoke-invitation.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const ZTokenParams = z.strictObject({ token: ZInvitationTokenSchema });
const ZLobbyParams = z.strictObject({ id: ZIdSchema, lobbyId: ZIdSchema });
const GONE =
  'The link no longer works: `invitation_revoked` (with `revokedAt`), `invitation_expired` (with `expiresAt`) or `invitation_used_up` (with `maxUses`)';
const LIMITED = 'Too many requests from this address (`rate_limited`, with `retryAfterSeconds`)';
const ROOM_CLOSED =
  'Too early (`not_yet_open`, with `opensAt`), over (`join_window_closed`), ended by a host (`lesson_ended`), or refused by a host';

export function invitationRoutes(ctx: AppContext) {
  const limited = [invitationRateLimit(ctx)];
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/invitations',
      summary: 'A host of either college invites someone without an account (guest, speaker or jury) by link',
      tags: ['invitations'],
      auth: true,
      status: 201,
      params: ZEventParams,
      body: ZCreateInvitationSchema,
      response: ZCreatedInvitationSchema,
      errors: { 403: 'Not a host of this event', 409: 'The event is cancelled, declined or over' },
      handler: ({ actor, params, body }) => createInvitation(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/invitations',
      summary: 'The event’s invitations with their uses and state (never their tokens)',
      tags: ['invitations'],
      auth: true,
      params: ZEventParams,
      response: z.array(ZInvitationSchema),
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params }) => listInvitations(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/invitations/:invitationId',
      summary: 'A host revokes an invitation: nobody joins by it any more (idempotent)',
      tags: ['invitations'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema, invitationId: ZIdSchema }),
      response: ZInvitationSchema,
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params }) => revokeInvitation(ctx, actor, params.id, params.invitationId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/lobby',
      summary: 'Who waits in the event’s lobby, with the label of their invitation',
      tags: ['invitations'],
      auth: true,
      params: ZEventParams,
      response: z.array(ZLobbyEntrySchema),
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params }) => listLobby(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/lobby/:lobbyId/admit',
      summary: 'A host of either college lets a waiting guest in',
      tags: ['invitations'],
      auth: true,
      params: ZLobbyParams,
      response: ZLobbyDecisionSchema,
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params }) => decideLobby(ctx, actor, params.id, params.lobbyId, 'admitted'),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/lobby/:lobbyId/deny',
      summary: 'A host of either college turns a waiting guest away',
      tags: ['invitations'],
      auth: true,
      params: ZLobbyParams,
      response: ZLobbyDecisionSchema,
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params }) => decideLobby(ctx, actor, params.id, params.lobbyId, 'denied'),
    }),
    defineRoute({
      method: 'get',
      path: '/api/invitations/:token',
      summary: 'Public: what an invitation link is for (event, times, colleges, role, lobby)',
      tags: ['invitations'],
      auth: false,
      before: limited,
      params: ZTokenParams,
      response: ZInvitationInfoSchema,
      errors: { 404: 'No such invitation', 410: GONE, 429: LIMITED },
      handler: ({ params }) => getInvitationInfo(ctx, params.token),
    }),
    defineRoute({
      method: 'post',
      path: '/api/invitations/:token/join',
      summary:
        'Public: someone invited by link joins with a display name and gets a LiveKit token, or waits in the lobby (202)',
      tags: ['invitations'],
      auth: false,
      before: limited,
      params: ZTokenParams,
      body: ZInvitationJoinSchema,
      response: ZInvitationJoinedSchema,
      alternatives: {
        202: { description: 'Waiting in the lobby until a host decides', schema: ZInvitationWaitingSchema },
      },
      errors: {
        403: ROOM_CLOSED,
        404: 'No such invitation',
        409: 'The event is not confirmed',
        410: GONE,
        429: LIMITED,
      },
      handler: async ({ params, body, res }) => {
        const out = await joinByInvitation(ctx, params.token, body);
        if (out.status === 'waiting') {
          res.status(202).json(out);
          return undefined;
        }
        return out;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/invitations/:token/lobby/:lobbyId',
      summary: 'Public: a waiting guest asks whether a host let them in (with their token once admitted)',
      tags: ['invitations'],
      auth: false,
      before: limited,
      params: z.strictObject({ token: ZInvitationTokenSchema, lobbyId: ZIdSchema }),
      query: ZLobbyPollQuerySchema,
      response: ZLobbyPollSchema,
      errors: {
        403: ROOM_CLOSED,
        404: 'No such invitation or place in the lobby',
        409: 'The event is not confirmed',
        410: GONE,
        429: LIMITED,
      },
      handler: ({ params, query }) => pollLobby(ctx, params.token, params.lobbyId, query.key),
    }),
    defineRoute({
      method: 'post',
      path: '/api/invitations/:token/jury-credential',
      summary:
        'Public: a juror let in by a jury invitation exchanges their guest key for a short-lived credential for the olympiad’s jury routes (`Authorization: Bearer`)',
      tags: ['invitations', 'olympiads'],
      auth: false,
      before: limited,
      params: ZTokenParams,
      body: ZJuryCredentialRequestSchema,
      response: ZJuryCredentialSchema,
      errors: {
        403: 'Not a jury invitation, not this invitation’s guest key, or not let in yet',
        404: 'No such invitation',
        410: GONE,
        429: LIMITED,
      },
      handler: ({ params, body }) => issueJuryCredential(ctx, params.token, body.guestKey),
    }),
  ];
}
