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

let pending: { body: string; key: string } | null = null;

/**
 * One `Idempotency-Key` per booking the user means to make: sending the same form again (after a
 * lost answer, say) reuses the key, so the api replays the first booking instead of booking twice;
 * a changed form gets a new key.
 */
function idempotencyKeyFor(body: TCreateEventRequest): string {
  const json = JSON.stringify(body);
  if (pending?.body !== json) pending = { body: json, key: crypto.randomUUID() };
  return pending.key;
}

/** Proposes the activity (or a weekly series). */
export async function createEvent(body: TCreateEventRequest): Promise<TBookingResult> {
  const key = idempotencyKeyFor(body);
  const result = await apiRequest('/api/events', ZBookingResultSchema, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
  });
  if (pending?.key === key) pending = null;
  return result;
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
  /** How many to ask for (the form asks for many and spreads them itself). */
  limit?: number;
};

/** Asks for the best mutual free slots over the coming weeks. */
export async function findSlots(query: TSlotQuery & { limit?: number }): Promise<TSlot[]> {
  const res = await apiRequest('/api/availability', z.object({ items: z.array(ZSlotSchema) }), {
    query: { limit: 8, ...query },
  });
  return res.items;
}
