import type { TActor } from '@telemost/core/permissions';
import type { TInvitation } from '@telemost/core/schemas/invitation';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { INVITATION_COLUMNS, toInvitation } from './invitations.repository.ts';

/**
 * A host withdraws a link (idempotent: the first revocation's time stays). Nobody joins by it any
 * more, people already admitted by it get no fresh token, and those in the room are put out.
 * Jurors who came by it leave the jury: they mark no more, and their marks stop counting.
 */
export async function revokeInvitation(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  invitationId: string,
): Promise<TInvitation> {
  const event = await requireHost(ctx, actor, eventId);
  const now = ctx.now();
  const row = await ctx.db
    .updateTable('invitations')
    .set({
      revokedAt: sql`coalesce(revoked_at, ${now}::timestamptz)`,
      revokedBy: sql`coalesce(revoked_by, ${actor.id}::uuid)`,
    })
    .where('id', '=', invitationId)
    .where('eventId', '=', event.id)
    .returning(INVITATION_COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound('Invitation');
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'invitation.revoked',
    entity: 'event',
    entityId: event.id,
    data: { invitationId },
  });
  const guests = await ctx.db
    .selectFrom('invitationGuests')
    .select('identity')
    .where('invitationId', '=', invitationId)
    .where('status', '=', 'admitted')
    .execute();
  const rooms = createRoomService(ctx.env);
  for (const g of guests) {
    // Most were never in the room, or have left; LiveKit's "not found" is the usual answer.
    await rooms.removeParticipant(event.id, g.identity).catch(() => undefined);
  }
  return toInvitation(row, now);
}
