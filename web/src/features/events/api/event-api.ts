import {
  type TEventView,
  type TUpdateEventRequest,
  ZEventViewSchema,
  ZRoomStatusSchema,
} from '@telemost/core/schemas/event';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

const ZEventList = z.object({ items: z.array(ZEventViewSchema) });

/** One event with every side's local times. */
export function getEvent(id: string, signal?: AbortSignal): Promise<TEventView> {
  return apiRequest(`/api/events/${id}`, ZEventViewSchema, { signal });
}

/** Confirms (optionally pre-approving later moves within working hours) or declines for the viewer's college. */
export function decideEvent(
  id: string,
  verb: 'confirm' | 'decline',
  institutionId: string,
  preApproveReschedule = false,
): Promise<TEventView> {
  return apiRequest(`/api/events/${id}/${verb}`, ZEventViewSchema, {
    method: 'POST',
    body:
      verb === 'confirm' && preApproveReschedule
        ? { institutionId, preApproveReschedule }
        : { institutionId },
  });
}

/** Cancels this event, or this and the following of its series. */
export function cancelEvent(id: string, body: { scope: 'this' | 'following'; reason?: string }) {
  return apiRequest(`/api/events/${id}/cancel`, ZEventList, { method: 'POST', body });
}

/** Moves the event (or this and the following of its series) to a new time. */
export function rescheduleEvent(id: string, body: Partial<TUpdateEventRequest>) {
  return apiRequest(`/api/events/${id}`, ZEventList, { method: 'PATCH', body });
}

/** Who is in the video room now, pushed as `room:status`. */
export const ZRoomStatusPushSchema = z.object({
  eventId: z.string(),
  roomStatus: ZRoomStatusSchema,
  participants: z
    .array(
      z.object({ identity: z.string(), name: z.string(), institutionId: z.string().nullable().optional() }),
    )
    .default([]),
});
export type TRoomStatusPush = z.infer<typeof ZRoomStatusPushSchema>;

/** An event changed somewhere (confirmed, moved, cancelled): pushed as `event:changed`. */
export const ZEventChangedSchema = z.object({
  eventId: z.string(),
  status: z.string().optional(),
  version: z.number().optional(),
});
