import { closeOpenSessions, setRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { isNotFound, sharedRoomService } from '@telemost/server/livekit/livekit-client';
import { loadRoomEvent } from '../events/events.repository.ts';
import { roomIsOver, type TRoomDeps } from './room-policy.ts';

export type TCloseOutcome = { action: 'closed' | 'skipped'; reason?: string; deleted?: boolean };

/**
 * Deletes the event's LiveKit room (which disconnects anyone still in it), ends the attendance
 * rows still open and sets the room status to `closed`. Re-reads the event first: a confirmed
 * event whose (possibly rescheduled) end plus grace is still ahead keeps its room. Idempotent:
 * a room that is already gone counts as deleted. Throws while LiveKit is unreachable.
 */
export async function closeRoom(deps: TRoomDeps, eventId: string): Promise<TCloseOutcome> {
  const event = await loadRoomEvent(deps, eventId);
  if (event && !roomIsOver(deps, event)) return { action: 'skipped', reason: 'not over' };
  let deleted = false;
  try {
    await sharedRoomService(deps.env).deleteRoom(eventId);
    deleted = true;
  } catch (err) {
    if (!isNotFound(err)) throw err;
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
