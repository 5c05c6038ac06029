import type { TActor } from '@telemost/core';
import { TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { createRoomService } from '../livekit/livekit-client.ts';
import { requireHost } from './require-host.ts';

const SOURCES = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
} as const;

function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  return e?.status === 404 || e?.code === 'not_found';
}

/**
 * A host mutes someone's microphone (or camera, or screen share) in the room. The participant
 * sees their track muted by LiveKit and may unmute it themselves, as in a classroom.
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
  return { identity, source, muted: true };
}
