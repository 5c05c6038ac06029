import { randomBytes } from 'node:crypto';
import type { TInvitationJoined } from '@telemost/core/schemas/invitation';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { assertRoomOpen } from '../join/join-event.ts';
import { loadJoinableEvent, mintGuestToken } from './guest-token.ts';
import {
  assertInvitationUsable,
  findGuestByKey,
  findInvitationByToken,
  hashSecret,
  newSecret,
  takeInvitationUse,
} from './invitations.repository.ts';

export type TInvitationJoinOutcome =
  | TInvitationJoined
  | { status: 'waiting'; lobbyId: string; guestKey: string };

/**
 * Someone without an account comes in by link. The link must still work (not revoked, expired or
 * used up) and the room be open by the usual rules; then one use of the link is taken and the
 * person gets a LiveKit identity of their own, `guest:<invitationId>:<random>`, which never
 * collides with a user's. With a lobby they wait (`waiting`) until a host admits them. The answer
 * carries a guest key: with it the same person gets fresh tokens later without taking a use.
 */
export async function joinByInvitation(
  ctx: AppContext,
  token: string,
  input: { displayName: string; guestKey?: string },
): Promise<TInvitationJoinOutcome> {
  const now = ctx.now();
  const found = await findInvitationByToken(ctx.db, token);
  if (input.guestKey && found) {
    const guest = await findGuestByKey(ctx.db, found.id, input.guestKey);
    if (guest) {
      // Already counted: a used-up or expired link still serves the people it let in.
      const invitation = assertInvitationUsable(found, now, { ignoreUses: true });
      if (guest.status === 'denied') throw forbidden('A host did not let you in');
      if (guest.status === 'waiting')
        return { status: 'waiting', lobbyId: guest.id, guestKey: input.guestKey };
      const event = await loadJoinableEvent(ctx, invitation.eventId);
      const joined = await mintGuestToken(ctx, event, invitation, guest);
      return { ...joined, status: 'admitted', lobbyId: guest.id, guestKey: input.guestKey };
    }
  }
  const invitation = assertInvitationUsable(found, now);
  const event = await loadJoinableEvent(ctx, invitation.eventId);
  // Before a use is taken: someone too early keeps the link's uses for when it opens.
  assertRoomOpen(ctx, event);
  const guestKey = newSecret();
  const identity = `guest:${invitation.id}:${randomBytes(9).toString('base64url')}`;
  const guest = await ctx.db.transaction().execute(async (trx) => {
    if (!(await takeInvitationUse(trx, invitation.id, now))) return null;
    return trx
      .insertInto('invitationGuests')
      .values({
        invitationId: invitation.id,
        eventId: invitation.eventId,
        displayName: input.displayName,
        identity,
        keyHash: hashSecret(guestKey),
        status: invitation.lobby ? 'waiting' : 'admitted',
      })
      .returning(['id', 'identity', 'displayName', 'status'])
      .executeTakeFirstOrThrow();
  });
  if (!guest) {
    // Another join took the last use, or a host revoked it, in the meantime: say which.
    assertInvitationUsable(await findInvitationByToken(ctx.db, token), now);
    throw new AppError('invitation_used_up', 'This invitation has been used by as many people as it was for');
  }
  if (guest.status === 'waiting') return { status: 'waiting', lobbyId: guest.id, guestKey };
  const joined = await mintGuestToken(ctx, event, invitation, guest);
  return { ...joined, status: 'admitted', lobbyId: guest.id, guestKey };
}
