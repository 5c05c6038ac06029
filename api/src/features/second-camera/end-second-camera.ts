import { secondCameraIdentity } from '@telemost/core/schemas/second-camera';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import { ParticipantInfo_State } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';

/**
 * The owner has left the main room: their phone camera goes too. A participant_left can be the
 * old session of someone who already reconnected (a refresh), so the phone stays when LiveKit
 * still lists the owner. Returns whether a phone was removed.
 */
export async function endSecondCameraOf(ctx: AppContext, room: string, ownerId: string): Promise<boolean> {
  const rooms = createRoomService(ctx.env);
  try {
    // LiveKit tells of the leave while it still lists the session, as DISCONNECTED.
    const owner = await rooms.getParticipant(room, ownerId);
    if (owner.state !== ParticipantInfo_State.DISCONNECTED) return false;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await rooms.removeParticipant(room, secondCameraIdentity(ownerId));
    ctx.logger.info({ room, ownerId }, 'phone camera removed: its owner left');
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
