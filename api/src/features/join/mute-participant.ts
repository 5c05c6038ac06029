import { ROOM_DATA_TOPICS, ZModerationMessageSchema } from '@telemost/core/contracts/room-data';
import type { TActor } from '@telemost/core/permissions';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import { DataPacket_Kind, TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { requireHost } from './require-host.ts';

const SOURCES = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
} as const;

/**
 * A host mutes someone's microphone (or camera, or screen share) in the room. The participant
 * sees their track muted by LiveKit and may unmute it themselves, as in a classroom; a data message
 * on the `moderation` topic tells them which host did it, so a muted student sees who and why.
 */
export async function muteParticipant(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  identity: string,
  source: keyof typeof SOURCES,
): Promise<{ identity: string; source: string; muted: boolean }> {
  const event = await requireHost(ctx, actor, eventId);
  const rooms = createRoomService(ctx.env);
  let participant: Awaited<ReturnType<typeof rooms.getParticipant>>;
  try {
    participant = await rooms.getParticipant(event.id, identity);
  } catch (err) {
    if (isNotFound(err)) throw notFound('Participant in the room');
    throw new AppError('service_unavailable', 'The video server does not answer; please try again');
  }
  const tracks = participant.tracks.filter((t) => t.source === SOURCES[source] && !t.muted);
  try {
    for (const track of tracks) await rooms.mutePublishedTrack(event.id, identity, track.sid, true);
  } catch {
    throw new AppError('service_unavailable', 'The video server does not answer; please try again');
  }
  if (tracks.length > 0) {
    const host = await ctx.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', actor.id)
      .executeTakeFirst();
    const message = ZModerationMessageSchema.parse({ type: 'muted', source, by: host?.name || 'Teacher' });
    // The mute itself is done; a lost notice must not turn it into an error.
    await rooms
      .sendData(event.id, new TextEncoder().encode(JSON.stringify(message)), DataPacket_Kind.RELIABLE, {
        destinationIdentities: [identity],
        topic: ROOM_DATA_TOPICS.moderation,
      })
      .catch(() => {});
  }
  return { identity, source, muted: true };
}
