import type { TActor } from '@telemost/core/permissions';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { requireHost } from './require-host.ts';

/** Roles a host of the other college may not send out of the room: that college's own staff. */
const PROTECTED_ROLES: readonly string[] = ['teacher', 'coordinator'];

/**
 * A host removes someone from the video room: LiveKit disconnects them at once. They are still a
 * participant of the lesson and may join again, as a pupil sent out may come back in. A partner
 * college's teacher or coordinator is removed only by their own college's hosts or an administrator:
 * the other side's host gets 403.
 */
export async function removeParticipant(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  identity: string,
): Promise<{ identity: string; removed: true }> {
  const event = await requireHost(ctx, actor, eventId);
  if (actor.role !== 'admin') {
    const target = await ctx.db
      .selectFrom('users')
      .select(['role', 'institutionId'])
      .where('id', '=', identity)
      .executeTakeFirst();
    if (target && PROTECTED_ROLES.includes(target.role) && target.institutionId !== actor.institutionId) {
      throw forbidden(
        "A partner college's teacher can be removed only by their own college or an administrator",
      );
    }
  }
  const rooms = createRoomService(ctx.env);
  try {
    await rooms.removeParticipant(event.id, identity);
  } catch (err) {
    const e = err as { status?: number; code?: string };
    if (e?.status === 404 || e?.code === 'not_found') throw notFound('Participant in the room');
    throw new AppError('service_unavailable', 'The video server does not answer; please try again');
  }
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'live.participant_removed',
    entity: 'event',
    entityId: event.id,
    data: { identity },
  });
  return { identity, removed: true };
}
