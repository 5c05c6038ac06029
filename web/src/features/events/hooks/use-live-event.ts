import { useState } from 'react';
import { useApi } from '../../../hooks/use-api.ts';
import { useSocketEvent, useWatchEvent } from '../../../lib/realtime.tsx';
import { getEvent, type TRoomStatusPush } from '../api/event-api.ts';

/**
 * The event, kept current: a pushed `event:changed` reloads it (another side confirmed or moved
 * it), and `room:status` carries the video room's state and who is in it.
 */
export function useLiveEvent(id: string) {
  const event = useApi((signal) => getEvent(id, signal), [id]);
  const [room, setRoom] = useState<TRoomStatusPush | null>(null);
  useWatchEvent(id);
  useSocketEvent('event:changed', (changed) => {
    if (changed.eventId === id) event.reload();
  });
  useSocketEvent('room:status', (status) => {
    if (status.eventId === id) setRoom(status);
  });
  return { event, room };
}
