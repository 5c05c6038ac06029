import { closeOpenSessions, setRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { isNotFound, sharedRoomService } from '@telemost/server/livekit/livekit-client';
import { loadRoomEvent } from '../events/events.repository.ts';
import { childRoomOf } from './child-rooms.ts';
import { roomIsOver, type TRoomDeps } from './room-policy.ts';

export type TCloseOutcome = { action: 'closed' | 'skipped'; reason?: string; deleted?: boolean };

/** Deletes a LiveKit room; false when it was not there. Throws while LiveKit is unreachable. */
export async function deleteRoomIfThere(deps: Pick<TRoomDeps, 'env'>, name: string): Promise<boolean> {
  try {
    await sharedRoomService(deps.env).deleteRoom(name);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/**
 * Deletes the event's LiveKit room and its teams' and sessions' rooms (which disconnects anyone
 * still in them), ends the attendance
 * rows still open and sets the room status to `closed`. Re-reads the event first: a confirmed
 * event whose (possibly rescheduled) end plus grace is still ahead keeps its room. Idempotent:
 * a room that is already gone counts as deleted. Throws while LiveKit is unreachable.
 */
export async function closeRoom(deps: TRoomDeps, eventId: string): Promise<TCloseOutcome> {
  const event = await loadRoomEvent(deps, eventId);
  if (event && !roomIsOver(deps, event)) return { action: 'skipped', reason: 'not over' };
  const deleted = await deleteRoomIfThere(deps, eventId);
  // Its teams' and sessions' rooms go with it (those LiveKit lists now).
  const listed = await sharedRoomService(deps.env).listRooms();
  for (const room of listed) {
    if (childRoomOf(room.name)?.eventId === eventId) await deleteRoomIfThere(deps, room.name);
  }
  if (!event) return { action: 'closed', deleted };
  const ended = await closeOpenSessions(deps.db, eventId, deps.now());
  // A room that never existed stays 'none' (a proposal that was declined, say).
  const changed =
    deleted || event.roomStatus !== 'none'
      ? await setRoomStatus(deps.db, eventId, 'closed', ['closed'])
      : false;
  if (changed || ended) await pushRoomStatus(deps.db, deps.realtime, eventId);
  deps.logger.info({ eventId, deleted, ended }, 'room closed');
  return { action: 'closed', deleted };
}
