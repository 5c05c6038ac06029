import { setRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { roomSettings, sharedRoomService } from '@telemost/server/livekit/livekit-client';
import { loadRoomMetadata } from '@telemost/server/livekit/room-metadata';
import { loadRoomEvent } from '../events/events.repository.ts';
import { closeRoom } from './close-room.ts';
import { roomIsOver, type TRoomDeps } from './room-policy.ts';

export type TProvisionOutcome = { action: 'opened' | 'closed' | 'skipped'; reason?: string };

/**
 * Creates the event's LiveKit room (named after the event) with its timeouts, participant limit
 * and metadata, and sets the room status `creating` → `open`, pushing `room:status` each time.
 * Re-reads the event: a job of an older version does nothing (the newer one will), a proposal is
 * not given a room, and an event cancelled, declined or over gets its room closed instead.
 * Idempotent: LiveKit returns the room when it exists already. Throws while LiveKit is
 * unreachable, so the job retries; the caller marks the room `failed` when retries run out.
 */
export async function provisionRoom(
  deps: TRoomDeps,
  eventId: string,
  version?: number,
): Promise<TProvisionOutcome> {
  const event = await loadRoomEvent(deps, eventId);
  if (!event) return { action: 'skipped', reason: 'no such event' };
  if (version !== undefined && event.version > version) return { action: 'skipped', reason: 'stale version' };
  if (event.status === 'proposed') return { action: 'skipped', reason: 'not confirmed' };
  if (roomIsOver(deps, event)) {
    await closeRoom(deps, eventId);
    return { action: 'closed', reason: event.status === 'confirmed' ? 'over' : event.status };
  }
  if (await setRoomStatus(deps.db, eventId, 'creating', ['creating', 'open'])) {
    await pushRoomStatus(deps.db, deps.realtime, eventId);
  }
  await sharedRoomService(deps.env).createRoom({
    name: eventId,
    ...roomSettings(deps.env),
    metadata: (await loadRoomMetadata(deps.db, eventId)) ?? '',
  });
  // Cancelled while the room was being created: take it down again rather than leave it open.
  const after = await loadRoomEvent(deps, eventId);
  if (!after || roomIsOver(deps, after)) {
    await closeRoom(deps, eventId);
    return { action: 'closed', reason: 'cancelled meanwhile' };
  }
  if (await setRoomStatus(deps.db, eventId, 'open', ['open'])) {
    await pushRoomStatus(deps.db, deps.realtime, eventId);
  }
  deps.logger.info({ eventId }, 'room open');
  return { action: 'opened' };
}

/** After the last retry: the room could not be created. The reconciliation keeps trying. */
export async function markRoomFailed(deps: TRoomDeps, eventId: string): Promise<void> {
  if (await setRoomStatus(deps.db, eventId, 'failed', ['open', 'closed', 'failed'])) {
    await pushRoomStatus(deps.db, deps.realtime, eventId);
  }
}
