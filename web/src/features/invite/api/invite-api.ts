import {
  type TInvitationInfo,
  ZInvitationInfoSchema,
  ZInvitationJoinedSchema,
  ZInvitationWaitingSchema,
  ZLobbyPollSchema,
} from '@telemost/core/schemas/invitation';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

const ZJoinAnswer = z.union([ZInvitationJoinedSchema, ZInvitationWaitingSchema]);
export type TJoinAnswer = z.infer<typeof ZJoinAnswer>;

/** What the link is for (public; 410 with a reason when it no longer works). */
export function getInvitation(token: string, signal?: AbortSignal): Promise<TInvitationInfo> {
  return apiRequest(`/api/invitations/${encodeURIComponent(token)}`, ZInvitationInfoSchema, { signal });
}

/** Joins by the link: a LiveKit token, or a place in the lobby. */
export function joinInvitation(token: string, displayName: string, guestKey?: string): Promise<TJoinAnswer> {
  return apiRequest(`/api/invitations/${encodeURIComponent(token)}/join`, ZJoinAnswer, {
    method: 'POST',
    body: guestKey ? { displayName, guestKey } : { displayName },
  });
}

/** Asks whether a host let the guest in. */
export function pollLobby(token: string, lobbyId: string, key: string) {
  return apiRequest(`/api/invitations/${encodeURIComponent(token)}/lobby/${lobbyId}`, ZLobbyPollSchema, {
    query: { key },
  });
}
