import type { TInvitationRole } from '@telemost/core/schemas/invitation';
import type { TJoinResponse, TLiveAccess } from '@telemost/core/schemas/live';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import type { AppContext } from '../../context.ts';
import { assertRoomOpen, mintRoomToken, type TJoinableEvent } from '../join/join-event.ts';
import { publishSources } from '../join/live-access.ts';
import { isAudienceSpeaker } from '../programme/audience.ts';
import type { TGuestRow, TInvitationRow } from './invitations.repository.ts';

const ACCESS: Record<TInvitationRole, TLiveAccess> = {
  guest: 'listener',
  speaker: 'speaker',
  jury: 'speaker',
};

export async function loadJoinableEvent(
  ctx: AppContext,
  eventId: string,
): Promise<TJoinableEvent & { kind: string }> {
  return ctx.db
    .selectFrom('events')
    .select(['id', 'kind', 'status', 'startAt', 'endAt', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
}

/**
 * A room token for someone invited by link, by the same rules as everyone's (join window, short
 * life), with grants by the invitation's role: guests only subscribe, but may send data (a raised
 * hand); speakers publish camera and microphone; jury members too, marked with the `jury`
 * attribute that the jury tools look for. No one invited by link administers the room. In a
 * conference's hall a guest a host promoted to speaker publishes too, for as long as the promotion
 * lasts.
 */
export async function mintGuestToken(
  ctx: AppContext,
  event: TJoinableEvent & { kind: string },
  invitation: Pick<TInvitationRow, 'role' | 'label'>,
  guest: Pick<TGuestRow, 'identity' | 'displayName'>,
): Promise<TJoinResponse> {
  const { now, ttlSeconds } = assertRoomOpen(ctx, event);
  let access = ACCESS[invitation.role];
  if (
    access === 'listener' &&
    isAudienceKind(event.kind) &&
    (await isAudienceSpeaker(ctx, event.id, guest.identity))
  ) {
    access = 'speaker';
  }
  return mintRoomToken(ctx, {
    eventId: event.id,
    identity: guest.identity,
    name: guest.displayName,
    metadata: { role: invitation.role, access, institutionId: null, label: invitation.label },
    access,
    sources: publishSources(access, false),
    canPublishData: true,
    ...(invitation.role === 'jury' ? { attributes: { jury: 'true' } } : {}),
    now,
    ttlSeconds,
  });
}
