import {
  type TSecondCameraPair,
  ZSecondCameraPairSchema,
  ZSecondCameraStatusSchema,
} from '@telemost/core/schemas/second-camera';
import { type TWhiteboardState, ZWhiteboardStateSchema } from '@telemost/core/schemas/whiteboard';
import type { z } from 'zod';
import { apiRequest, problemFrom } from '../../../lib/api-client.ts';

/** A one-time pairing link for a phone camera (hosts, or students a host allowed). */
export function pairSecondCamera(eventId: string): Promise<TSecondCameraPair> {
  return apiRequest(`/api/events/${eventId}/second-camera`, ZSecondCameraPairSchema, { method: 'POST' });
}

/** Whether I may pair a phone camera in this lesson. */
export function secondCameraStatus(eventId: string): Promise<z.infer<typeof ZSecondCameraStatusSchema>> {
  return apiRequest(`/api/events/${eventId}/second-camera`, ZSecondCameraStatusSchema);
}

/** Host control: lets a student pair a phone camera (or withdraws it). */
export function allowSecondCamera(eventId: string, userId: string, allowed: boolean): Promise<void> {
  return apiRequest(`/api/events/${eventId}/participants/${encodeURIComponent(userId)}/second-camera`, null, {
    method: 'POST',
    body: { allowed },
  });
}

/** A board's state (locked, whether a snapshot is kept). */
export function getBoard(eventId: string, board: number): Promise<TWhiteboardState> {
  return apiRequest(`/api/events/${eventId}/whiteboards/${board}`, ZWhiteboardStateSchema);
}

/** The board's latest snapshot (a PNG with the scene embedded), or null when nothing was drawn. */
export async function getBoardImage(eventId: string, board: number): Promise<Blob | null> {
  const res = await fetch(`/api/events/${eventId}/whiteboards/${board}/image`, {
    credentials: 'same-origin',
  });
  if (res.status === 404) return null;
  if (!res.ok) throw problemFrom(res.status, await res.json().catch(() => null));
  return res.blob();
}

/** Keeps the board's snapshot with the api (for late joiners, and the materials at the end). */
export async function putBoardImage(eventId: string, board: number, png: Blob): Promise<void> {
  const form = new FormData();
  form.append('file', png, 'whiteboard.png');
  const res = await fetch(`/api/events/${eventId}/whiteboards/${board}/image`, {
    method: 'PUT',
    credentials: 'same-origin',
    body: form,
  });
  if (!res.ok) throw problemFrom(res.status, await res.json().catch(() => null));
}

/** Host control: locks the board (others view only) or unlocks it. */
export function lockBoard(eventId: string, board: number, locked: boolean): Promise<TWhiteboardState> {
  return apiRequest(`/api/events/${eventId}/whiteboards/${board}/lock`, ZWhiteboardStateSchema, {
    method: 'POST',
    body: { locked },
  });
}

/** Host control: clears the board's kept snapshot. */
export function clearBoard(eventId: string, board: number): Promise<TWhiteboardState> {
  return apiRequest(`/api/events/${eventId}/whiteboards/${board}`, ZWhiteboardStateSchema, {
    method: 'DELETE',
  });
}
