import { DateTime, IANAZone } from 'luxon';
import type { TLessonPeriod, TWorkingHours } from '../schemas/institution.ts';

/** One college as the finder sees it. `isWorkingDay` answers for the college's own local date. */
export type TSlotSide = {
  institutionId: string;
  zone: string;
  workingHours: TWorkingHours;
  lessonPeriods: TLessonPeriod[];
  isWorkingDay: (localDate: string) => boolean;
};

export type TSlotQuery = {
  sides: TSlotSide[];
  /** Existing bookings of any chosen group, teacher or room, in UTC milliseconds. Any order. */
  busy: { start: number; end: number }[];
  bufferMinutes: number;
  durationMinutes: number;
  from: number;
  to: number;
  /** Grid for candidate starts besides lesson-period starts. */
  stepMinutes?: number;
  limit?: number;
};

export type TSlot = {
  start: number;
  end: number;
  score: number;
  local: { institutionId: string; timeZone: string; start: string; end: string }[];
};

type Interval = { start: number; end: number };
const MIN = 60_000;
const DAY = 86_400_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

type OffsetFn = { offset: (ts: number) => number };

/**
 * A zone whose offsets are memoised per 15-minute bucket: every real transition happens on a
 * quarter-hour boundary in UTC, so the bucket's offset is the instant's offset, and luxon's Intl
 * lookups (the finder's hot spot) run once per bucket.
 */
const ZONE_CACHE = new Map<string, OffsetFn>();
function cachedZone(name: string): OffsetFn {
  const known = ZONE_CACHE.get(name);
  if (known) return known;
  const zone = IANAZone.create(name);
  const cache = new Map<number, number>();
  const fn: OffsetFn = {
    offset: (ts: number) => {
      const bucket = Math.floor(ts / (15 * MIN));
      let o = cache.get(bucket);
      if (o === undefined) {
        if (cache.size > 200_000) cache.clear();
        o = zone.offset(bucket * 15 * MIN);
        cache.set(bucket, o);
      }
      return o;
    },
  };
  ZONE_CACHE.set(name, fn);
  return fn;
}

/** The UTC instant of a wall-clock minute of a local date in a zone (plain offset arithmetic). */
function wallToUtc(zone: OffsetFn, localDayMs: number, minuteOfDay: number): number {
  const wall = localDayMs + minuteOfDay * MIN;
  const guess = wall - zone.offset(wall) * MIN;
  return wall - zone.offset(guess) * MIN;
}

const isoDate = (localDayMs: number) => new Date(localDayMs).toISOString().slice(0, 10);

/** Each side's working intervals in UTC over [from, to], computed once per local date. */
function workingIntervals(side: TSlotSide, zone: OffsetFn, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  const startMin = minutesOf(side.workingHours.start);
  const endMin = minutesOf(side.workingHours.end);
  // Local calendar days as UTC-midnight milliseconds, from the day before `from` to the day after `to`.
  const firstLocal = Math.floor((from + zone.offset(from) * MIN) / DAY) * DAY - DAY;
  const lastLocal = Math.floor((to + zone.offset(to) * MIN) / DAY) * DAY + DAY;
  for (let day = firstLocal; day <= lastLocal; day += DAY) {
    if (!side.isWorkingDay(isoDate(day))) continue;
    const start = wallToUtc(zone, day, startMin);
    const end = wallToUtc(zone, day, endMin);
    if (end > start && end > from && start < to)
      out.push({ start: Math.max(start, from), end: Math.min(end, to) });
  }
  return out;
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

/** Removes busy time (grown by the buffer) from free intervals. Both sorted; busy merged here. */
function subtract(free: Interval[], busyRaw: Interval[], bufferMs: number): Interval[] {
  const busy = busyRaw
    .map((b) => ({ start: b.start - bufferMs, end: b.end + bufferMs }))
    .sort((x, y) => x.start - y.start);
  const merged: Interval[] = [];
  for (const b of busy) {
    const lastB = merged.at(-1);
    if (lastB && b.start <= lastB.end) lastB.end = Math.max(lastB.end, b.end);
    else merged.push({ ...b });
  }
  const out: Interval[] = [];
  let k = 0;
  for (const f of free) {
    let cursor = f.start;
    while (k < merged.length && merged[k]!.end <= cursor) k++;
    let m = k;
    while (m < merged.length && merged[m]!.start < f.end) {
      if (merged[m]!.start > cursor) out.push({ start: cursor, end: merged[m]!.start });
      cursor = Math.max(cursor, merged[m]!.end);
      m++;
    }
    if (cursor < f.end) out.push({ start: cursor, end: f.end });
  }
  return out;
}

/**
 * Finds times that suit every side: inside all sides' working hours on each side's working day,
 * clear of existing bookings plus a buffer. Candidates start at any side's lesson-period start
 * or on the step grid.
 *
 * Score (higher is better, deterministic): starts at 100; minus up to 40 for how far the slot's
 * middle sits from the middle of each side's working day (averaged over sides, so nobody gets
 * the crack of dawn or the end of the evening); plus 15 when it starts exactly at a lesson period
 * of some side; minus 0.1 per day from the start of the range (sooner is slightly better).
 * Ties go to the earlier start.
 */
export function findMutualSlots(q: TSlotQuery): TSlot[] {
  const durationMs = q.durationMinutes * MIN;
  const stepMs = (q.stepMinutes ?? 15) * MIN;
  const zones = q.sides.map((side) => cachedZone(side.zone));
  let free: Interval[] | null = null;
  for (const [i, side] of q.sides.entries()) {
    const w = workingIntervals(side, zones[i]!, q.from, q.to);
    free = free ? intersect(free, w) : w;
  }
  if (!free?.length) return [];
  free = subtract(free, q.busy, q.bufferMinutes * MIN).filter((f) => f.end - f.start >= durationMs);

  const slots: TSlot[] = [];
  const seen = new Set<number>();
  for (const f of free) {
    const candidates: number[] = [];
    for (let t = Math.ceil(f.start / stepMs) * stepMs; t + durationMs <= f.end; t += stepMs)
      candidates.push(t);
    const aligned = new Set<number>();
    for (const [i, side] of q.sides.entries()) {
      if (!side.lessonPeriods.length) continue;
      const zone = zones[i]!;
      const day = Math.floor((f.start + zone.offset(f.start) * MIN) / DAY) * DAY;
      for (const d of [day, day + DAY]) {
        for (const p of side.lessonPeriods) {
          const t = wallToUtc(zone, d, minutesOf(p.start));
          if (t >= f.start && t + durationMs <= f.end) {
            candidates.push(t);
            aligned.add(t);
          }
        }
      }
    }
    // Offsets do not change inside one working window, so local minutes are plain arithmetic here.
    const sideClocks = q.sides.map((side, i) => ({
      offset: zones[i]!.offset(f.start),
      centre: (minutesOf(side.workingHours.start) + minutesOf(side.workingHours.end)) / 2,
      half: Math.max(1, (minutesOf(side.workingHours.end) - minutesOf(side.workingHours.start)) / 2),
    }));
    for (const start of candidates) {
      if (seen.has(start)) continue;
      seen.add(start);
      let centrePenalty = 0;
      for (const c of sideClocks) {
        const mid = ((((start + durationMs / 2) / MIN + c.offset) % 1440) + 1440) % 1440;
        centrePenalty += Math.min(1, Math.abs(mid - c.centre) / c.half);
      }
      const score =
        100 -
        40 * (centrePenalty / q.sides.length) +
        (aligned.has(start) ? 15 : 0) -
        (0.1 * (start - q.from)) / DAY;
      slots.push({ start, end: start + durationMs, score: Math.round(score * 100) / 100, local: [] });
    }
  }
  slots.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = slots.slice(0, q.limit ?? 20);
  for (const s of best) {
    s.local = q.sides.map((side) => ({
      institutionId: side.institutionId,
      timeZone: side.zone,
      start: DateTime.fromMillis(s.start, { zone: side.zone }).toISO({ suppressMilliseconds: true })!,
      end: DateTime.fromMillis(s.end, { zone: side.zone }).toISO({ suppressMilliseconds: true })!,
    }));
  }
  return best;
}
