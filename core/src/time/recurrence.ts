import { DateTime } from 'luxon';
import { z } from 'zod';
import { localToUtc } from './zones.ts';

/** Weekly recurrence: ISO weekdays (Monday = 1) and either a count of occurrences or a last date. */
export const ZRecurrenceSchema = z
  .strictObject({
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    count: z.number().int().min(1).max(200).optional(),
    until: z.iso.date().optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), {
    message: 'give exactly one of count or until',
    path: ['count'],
  });
export type TRecurrence = z.infer<typeof ZRecurrenceSchema>;

export const MAX_OCCURRENCES = 200;
const MAX_SPAN_DAYS = 2 * 366;

export type TOccurrence = { index: number; startUtc: string; endUtc: string; localDate: string };
export type TSkippedOccurrence = { localDate: string; reason: string };

/**
 * Expands a weekly series in the organiser's zone. Each occurrence keeps the series' wall-clock
 * time on its own date, so it follows that zone's daylight-saving rules. Dates the caller skips
 * (e.g. a day off on either side) and wall times that do not exist that day are listed as
 * skipped and do not count towards `count`. At most 200 occurrences within two years.
 */
export function expandWeekly(input: {
  localStart: string;
  zone: string;
  durationMinutes: number;
  recurrence: TRecurrence;
  isSkipped?: (localDate: string) => string | null;
}): { occurrences: TOccurrence[]; skipped: TSkippedOccurrence[] } {
  const { recurrence } = input;
  const first = DateTime.fromISO(input.localStart.slice(0, 10), { zone: 'UTC' });
  const time = input.localStart.slice(11, 16);
  const until = recurrence.until ? DateTime.fromISO(recurrence.until, { zone: 'UTC' }) : null;
  const weekdays = new Set(recurrence.weekdays);
  const occurrences: TOccurrence[] = [];
  const skipped: TSkippedOccurrence[] = [];
  const limit = Math.min(recurrence.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  for (let i = 0; i < MAX_SPAN_DAYS && occurrences.length < limit; i++) {
    const day = first.plus({ days: i });
    if (until && day > until) break;
    if (!weekdays.has(day.weekday)) continue;
    const localDate = day.toISODate()!;
    const reason = input.isSkipped?.(localDate) ?? null;
    if (reason) {
      skipped.push({ localDate, reason });
      continue;
    }
    const res = localToUtc(`${localDate}T${time}`, input.zone);
    if (!res.ok) {
      skipped.push({ localDate, reason: res.code });
      continue;
    }
    const start = Date.parse(res.utc);
    occurrences.push({
      index: occurrences.length,
      startUtc: new Date(start).toISOString(),
      endUtc: new Date(start + input.durationMinutes * 60_000).toISOString(),
      localDate,
    });
  }
  return { occurrences, skipped };
}
