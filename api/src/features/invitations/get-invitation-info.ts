import type { TInvitationInfo } from '@telemost/core/schemas/invitation';
import type { AppContext } from '../../context.ts';
import { assertInvitationUsable, findInvitationByToken, loadPublicEvent } from './invitations.repository.ts';

/**
 * What the link's page shows to someone not signed in: the event, its times and colleges (for
 * both clocks), the role and whether there is a lobby. A link that no longer works answers 410
 * with a code saying why.
 */
export async function getInvitationInfo(ctx: AppContext, token: string): Promise<TInvitationInfo> {
  const invitation = assertInvitationUsable(await findInvitationByToken(ctx.db, token), ctx.now());
  const { id: _id, institutions, ...event } = await loadPublicEvent(ctx.db, invitation.eventId);
  return {
    role: invitation.role,
    lobby: invitation.lobby,
    expiresAt: invitation.expiresAt ? new Date(invitation.expiresAt).toISOString() : event.end,
    event: { ...event, institutions: institutions.map(({ id: _side, ...side }) => side) },
  };
}
