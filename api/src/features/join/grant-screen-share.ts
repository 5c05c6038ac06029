import type { TActor } from '@telemost/core/permissions';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { TOKEN_GRACE_AFTER_END_MINUTES } from './join-event.ts';
import { storeScreenShareGrant } from './live-access.ts';
import { requireHost, requireStudentOf } from './require-host.ts';

/**
 * A host lets a student share their screen, or takes it back. The grant is kept until the event
 * is over (so a reconnecting student's next token has it) and applied at once to the student's
 * live session when they are in the room.
 */
export async function grantScreenShare(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  userId: string,
  allowed: boolean,
): Promise<{ userId: string; allowed: boolean; appliedLive: boolean }> {
  const event = await requireHost(ctx, actor, eventId);
  await requireStudentOf(ctx, event.id, userId, 'Screen sharing is granted to students of this event');
  const until = new Date(event.endAt.getTime() + TOKEN_GRACE_AFTER_END_MINUTES * 60_000);
  try {
    await storeScreenShareGrant(ctx, event.id, userId, allowed, until);
  } catch {
    throw new AppError('service_unavailable', 'Could not save the permission; please try again');
  }
  const sources = allowed
    ? [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]
    : [TrackSource.CAMERA, TrackSource.MICROPHONE];
  let appliedLive = false;
  try {
    // LiveKit replaces the whole permission set, so every permission a student has is restated.
    await createRoomService(ctx.env).updateParticipant(event.id, userId, {
      permission: { canSubscribe: true, canPublish: true, canPublishData: true, canPublishSources: sources },
    });
    appliedLive = true;
  } catch (err) {
    // Not in the room (or LiveKit away): the stored grant applies when they next join.
    ctx.logger.debug({ err: (err as Error).message, eventId, userId }, 'screen-share grant not applied live');
  }
  return { userId, allowed, appliedLive };
}
