import { z } from 'zod';
import { cachedOffsets } from './offset-timeline.ts';
import {
  DAY_MS,
  formatDate,
  formatUtc,
  isoWeekday,
  MINUTE_MS,
  parseLocalDate,
  parseLocalDateTime,
  resolveWall,
} from './wall-time.ts';
import { zoneOf } from './zones.ts';

/** Most occurrences one series may have. */
export const MAX_OCCURRENCES = 200;
/** How far past its first date a series may run, in years. */
export const MAX_SERIES_YEARS = 2;

/**
 * Weekly recurrence: ISO weekdays (Monday = 1, each at most once) and exactly one of `count`
 * (1–200 occurrences) or `until` (last local date, inclusive, `yyyy-MM-dd`).
 */
export const ZRecurrenceSchema = z
  .strictObject({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((w) => new Set(w).size === w.length, 'weekdays must be distinct'),
    count: z.number().int().min(1).max(MAX_OCCURRENCES).optional(),
    until: z.iso.date().optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), {
    message: 'give exactly one of count or until',
    path: ['count'],
  });
export type TRecurrence = z.infer<typeof ZRecurrenceSchema>;

/** One lesson of a series. `index` counts actual occurrences from 0; skipped dates get none. */
export type TOccurrence = { index: number; startUtc: string; endUtc: string; localDate: string };

/** A matching date left out, with the caller's reason or `nonexistent_local_time`. */
export type TSkippedOccurrence = { localDate: string; reason: string };

/** Input of {@link expandWeekly}. */
export type TExpandWeeklyInput = {
  /** Series wall-clock start in `zone`, `yyyy-MM-ddTHH:mm` (seconds optional). */
  localStart: string;
  /** Organiser's IANA zone: the zone whose wall clock the series keeps. */
  zone: string;
  /** Lesson length; each occurrence lasts exactly this long in real time. */
  durationMinutes: number;
  recurrence: TRecurrence;
  /**
   * Called once per matching local date (in `zone`) before the time is resolved; a non-null
   * string skips the date with that reason (e.g. a holiday on either side).
   */
  isSkipped?: (localDate: string) => string | null;
};

/** Result of {@link expandWeekly}. */
export type TExpandedSeries = {
  occurrences: TOccurrence[];
  skipped: TSkippedOccurrence[];
  /** True when a cap (200 occurrences, two years) stopped the expansion before the rule's end. */
  truncated: boolean;
};

/**
 * Expands a weekly series in the organiser's zone.
 *
 * - The first occurrence is on the first matching weekday on or after `localStart`'s date.
 * - Every occurrence keeps the series' wall-clock time in `zone` on its own date, so it follows
 *   that zone's daylight-saving changes (the UTC instant moves, the local time does not).
 * - Dates the caller skips come first (their reason wins); then a wall time that does not exist
 *   that day (DST gap) skips the date with reason `nonexistent_local_time`. A wall time that
 *   occurs twice (DST overlap) takes the earlier instant, as {@link localToUtc} does.
 * - Skipped dates do NOT consume `count`: `count` is the number of real occurrences.
 * - Caps: at most {@link MAX_OCCURRENCES} occurrences and dates before `localStart`'s date plus
 *   {@link MAX_SERIES_YEARS} years; `truncated` tells when a cap cut the rule short.
 *
 * Throws `RangeError` for an invalid zone, local start, duration or recurrence (validate
 * requests with zod and {@link isValidZone} first).
 */
export function expandWeekly(input: TExpandWeeklyInput): TExpandedSeries {
  const startWall = parseLocalDateTime(input.localStart);
  if (startWall === null)
    throw new RangeError(`"${input.localStart}" is not a local time like 2027-02-10T10:00`);
  const zone = zoneOf(input.zone);
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < 1 ||
    input.durationMinutes > 24 * 60
  ) {
    throw new RangeError('durationMinutes must be an integer from 1 to 1440');
  }
  // Repeated weekdays are harmless here, so a request validated by a laxer schema still expands.
  const weekdayList = Array.isArray(input.recurrence?.weekdays)
    ? [...new Set(input.recurrence.weekdays)]
    : undefined;
  const parsed = ZRecurrenceSchema.safeParse({ ...input.recurrence, weekdays: weekdayList });
  if (!parsed.success) throw new RangeError(`invalid recurrence: ${z.prettifyError(parsed.error)}`);
  const rule = parsed.data;

  const firstDay = Math.floor(startWall / DAY_MS);
  const timeOfDayMs = startWall - firstDay * DAY_MS;
  const first = new Date(firstDay * DAY_MS);
  const horizonDay = Math.floor(
    Date.UTC(first.getUTCFullYear() + MAX_SERIES_YEARS, first.getUTCMonth(), first.getUTCDate()) / DAY_MS,
  );
  const untilDay =
    rule.until === undefined ? Number.POSITIVE_INFINITY : Math.floor(parseLocalDate(rule.until)! / DAY_MS);
  const wanted = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const lastDay = Math.min(untilDay, horizonDay - 1);
  const weekdays = new Set(rule.weekdays);
  const durationMs = input.durationMinutes * MINUTE_MS;
  const offsetAt = cachedOffsets(zone);

  const occurrences: TOccurrence[] = [];
  const skipped: TSkippedOccurrence[] = [];
  let day = firstDay;
  for (; day <= lastDay && occurrences.length < wanted; day++) {
    if (!weekdays.has(isoWeekday(day * DAY_MS))) continue;
    const localDate = formatDate(day * DAY_MS);
    const reason = input.isSkipped?.(localDate) ?? null;
    if (reason !== null) {
      skipped.push({ localDate, reason });
      continue;
    }
    const r = resolveWall(day * DAY_MS + timeOfDayMs, offsetAt);
    if (r.kind === 'nonexistent') {
      skipped.push({ localDate, reason: 'nonexistent_local_time' });
      continue;
    }
    occurrences.push({
      index: occurrences.length,
      startUtc: formatUtc(r.utcMs),
      endUtc: formatUtc(r.utcMs + durationMs),
      localDate,
    });
  }
  // `day` is the first date not examined: with `until`, any matching date left up to it was cut off.
  const truncated =
    rule.count !== undefined ? occurrences.length < rule.count : hasMatchingDay(day, untilDay, weekdays);
  return { occurrences, skipped, truncated };
}

function hasMatchingDay(fromDay: number, toDay: number, weekdays: Set<number>): boolean {
  for (let d = fromDay; d <= toDay && d < fromDay + 7; d++)
    if (weekdays.has(isoWeekday(d * DAY_MS))) return true;
  return false;
}
