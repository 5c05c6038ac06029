import type { Db } from '../db/database.ts';
import type { TRealtime } from '../realtime/realtime.ts';
import { loadRoomStatus } from './attendance.repository.ts';

/**
 * Pushes `room:status` (the room's state and who is in it) to everyone watching the event. Best
 * effort: the rows are the record, and a page that missed a push asks again on `event:watch`.
 */
export async function pushRoomStatus(db: Db, realtime: TRealtime | null, eventId: string): Promise<void> {
  if (!realtime) return;
  const status = await loadRoomStatus(db, eventId);
  if (status) realtime.toEvent(eventId, 'room:status', status);
}
