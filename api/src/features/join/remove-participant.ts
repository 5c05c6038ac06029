import type { TActor } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../lib/audit.ts';
import { createRoomService } from '../livekit/livekit-client.ts';
import { requireHost } from './require-host.ts';

/**
 * A host removes someone from the video room: LiveKit disconnects them at once. They are still a
 * participant of the lesson and may join again, as a pupil sent out may come back in.
 */
export async function removeParticipant(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  identity: string,
): Promise<{ identity: string; removed: true }> {
  const event = await requireHost(ctx, actor, eventId);
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
