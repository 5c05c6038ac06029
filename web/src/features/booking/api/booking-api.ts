import { type TCreateEventRequest, ZEventViewSchema } from '@telemost/core/schemas/event';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

const ZSlotSchema = z.object({
  start: z.string(),
  end: z.string(),
  score: z.number(),
  local: z.array(
    z.object({ institutionId: z.string(), timeZone: z.string(), start: z.string(), end: z.string() }),
  ),
});
/** A mutual free slot: free for every chosen group and teacher, inside both sides' working time. */
export type TSlot = z.infer<typeof ZSlotSchema>;

export const ZBookingResultSchema = z.object({
  items: z.array(ZEventViewSchema),
  skipped: z.array(z.object({ localDate: z.string(), reason: z.string() })),
  seriesId: z.string().nullable(),
});
/** What a booking created: the occurrences, and the dates a series skipped. */
export type TBookingResult = z.infer<typeof ZBookingResultSchema>;

/** Proposes the activity (or a weekly series). */
export function createEvent(body: TCreateEventRequest): Promise<TBookingResult> {
  return apiRequest('/api/events', ZBookingResultSchema, { method: 'POST', body });
}

/** What the slot finder is asked: who must be free, for how long, within which range. */
export type TSlotQuery = {
  partnershipId: string;
  groupIds: string[];
  teacherIds: string[];
  institutionIds: string[];
  durationMinutes: number;
  from: string;
  to: string;
};

/** Asks for the best mutual free slots over the coming weeks. */
export async function findSlots(query: TSlotQuery): Promise<TSlot[]> {
  const res = await apiRequest('/api/availability', z.object({ items: z.array(ZSlotSchema) }), {
    query: { ...query, limit: 8 },
  });
  return res.items;
}
