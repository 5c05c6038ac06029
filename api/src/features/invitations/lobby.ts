import type { TActor } from '@telemost/core/permissions';
import type { TLobbyPoll } from '@telemost/core/schemas/invitation';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadJoinableEvent, mintGuestToken } from './guest-token.ts';
import { assertInvitationUsable, findGuestByKey, findInvitationByToken } from './invitations.repository.ts';

/** Who is waiting in the event's lobby, with the label of the invitation they came by. */
export async function listLobby(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await requireHost(ctx, actor, eventId);
  const rows = await ctx.db
    .selectFrom('invitationGuests as g')
    .innerJoin('invitations as i', 'i.id', 'g.invitationId')
    .select(['g.id', 'g.invitationId', 'g.displayName', 'g.createdAt', 'i.label', 'i.role'])
    .where('g.eventId', '=', event.id)
    .where('g.status', '=', 'waiting')
    .where('i.revokedAt', 'is', null)
    .orderBy('g.createdAt')
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    lobbyId: r.id,
    invitationId: r.invitationId,
    displayName: r.displayName,
    label: r.label,
    role: r.role,
    since: new Date(r.createdAt).toISOString(),
  }));
}

/** A host of either college lets a waiting person in, or not (a later decision replaces it). */
export async function decideLobby(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  lobbyId: string,
  status: 'admitted' | 'denied',
): Promise<{ lobbyId: string; status: 'admitted' | 'denied' }> {
  const event = await requireHost(ctx, actor, eventId);
  const row = await ctx.db
    .updateTable('invitationGuests')
    .set({ status, decidedAt: ctx.now(), decidedBy: actor.id })
    .where('id', '=', lobbyId)
    .where('eventId', '=', event.id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Person in the lobby');
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: status === 'admitted' ? 'lobby.admitted' : 'lobby.denied',
    entity: 'event',
    entityId: event.id,
    data: { lobbyId },
  });
  return { lobbyId, status };
}

/**
 * The waiting person asks whether they are in: `waiting`, `denied`, or `admitted` with their
 * LiveKit token. The guest key from the join proves it is them asking.
 */
export async function pollLobby(
  ctx: AppContext,
  token: string,
  lobbyId: string,
  key: string,
): Promise<TLobbyPoll> {
  const invitation = assertInvitationUsable(await findInvitationByToken(ctx.db, token), ctx.now(), {
    ignoreUses: true,
  });
  const guest = await findGuestByKey(ctx.db, invitation.id, key);
  if (!guest || guest.id !== lobbyId) throw notFound('Place in the lobby');
  if (guest.status !== 'admitted') return { status: guest.status, lobbyId };
  const event = await loadJoinableEvent(ctx, invitation.eventId);
  return { ...(await mintGuestToken(ctx, event, invitation, guest)), status: 'admitted', lobbyId };
}
