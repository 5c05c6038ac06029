import { cachedOffsets } from './offset-timeline.ts';
import type { TOffsetAt } from './wall-time.ts';
import {
  DAY_MS,
  formatDate,
  formatLocalIso,
  formatUtc,
  isoWeekday,
  MINUTE_MS,
  parseInstant,
  parseTimeOfDay,
  resolveWall,
} from './wall-time.ts';
import { zoneOf } from './zones.ts';

/** One institution taking part, with its clock and its working time. */
export type TSlotSide = {
  institutionId: string;
  /** IANA zone of the institution; all its times below are wall-clock times in this zone. */
  zone: string;
  /**
   * Daily working hours, `HH:mm`, start before end (no overnight hours). `weekdays` (ISO,
   * Monday = 1) decide working days only when `isWorkingDay` is absent.
   */
  workingHours: { start: string; end: string; weekdays: number[] };
  /**
   * Lesson periods (bell schedule) in local time. When any side has them, a slot may only start
   * at a period start of at least one side (it must still fit every side's working hours).
   */
  lessonPeriods?: { start: string; end: string }[];
  /**
   * Whether the institution works on a local date `yyyy-MM-dd` (production calendar: holidays,
   * transferred days off, working Saturdays). When given it is authoritative and `weekdays` is
   * not consulted, so a decreed working Saturday can count. Called once per local date.
   */
  isWorkingDay?: (localDate: string) => boolean;
};

/** Time already taken by any chosen group, teacher or room; may overlap and come unsorted. */
export type TBusyInterval = { startUtc: string | Date; endUtc: string | Date };

/** Input of {@link findMutualSlots}. Instants are ISO strings with `Z`/offset, or `Date`s. */
export type TFindSlotsInput = {
  /** At least one side; usually the two partner colleges. */
  sides: TSlotSide[];
  busy: TBusyInterval[];
  /** Free time kept before and after every busy interval (default 0). */
  bufferMinutes?: number;
  durationMinutes: number;
  /** Search range: slots start at or after `fromUtc` and end at or before `toUtc`. */
  fromUtc: string | Date;
  toUtc: string | Date;
  /** Grid of candidate starts when no side has lesson periods, counted from the start of each mutual window (default 15). */
  stepMinutes?: number;
  /** Most slots returned (default 20). */
  limit?: number;
  /** Most slots returned per local date of the first side (default: no cap), to spread suggestions over days. */
  maxPerDay?: number;
  /** No slot starts before this instant. */
  nowUtc: string | Date;
};

/** A slot as read on one side's clock. */
export type TSlotLocalTime = {
  institutionId: string;
  zone: string;
  /** ISO 8601 with the side's offset: `2025-02-10T12:00:00+05:00`. */
  start: string;
  end: string;
};

/** A mutually free slot; `local` follows the order of `sides`. */
export type TSlot = { startUtc: string; endUtc: string; score: number; local: TSlotLocalTime[] };

/**
 * Weights of the score terms; each term lies in [0, 1], so the score does too.
 *
 * - `centrality`: for each side, where the slot sits among the starts that fit its working day
 *   (1 in the middle, 0 at the first or last possible start); the MINIMUM over sides counts, so a
 *   slot that is comfortable in Karaganda but at dawn in Moscow (or the reverse) scores low.
 * - `alignment`: the share of sides with lesson periods whose period starts exactly at the slot
 *   start (1 when no side has periods).
 * - `soonness`: `1 / (1 + d / 28)` where `d` is days from the earliest allowed start, i.e. 1 now,
 *   0.5 in four weeks, 0.17 in 20 weeks, independent of the range length. With its small weight
 *   a day later costs about as much as two minutes off-centre, so it mostly orders equally good
 *   times of day by date.
 */
export const SLOT_SCORE_WEIGHTS = { centrality: 0.6, alignment: 0.25, soonness: 0.15 } as const;

/** Longest search range, in days (from the later of `fromUtc` and `nowUtc` to `toUtc`). */
export const MAX_SEARCH_DAYS = 400;

/** Days after which the soonness term halves. */
const SOONNESS_HALF_DAYS = 28;

type TDay = {
  start: number;
  end: number;
  localDate: string;
  /** UTC ms of the day's lesson period starts, ascending. */
  periods: number[];
};

type TSidePlan = { side: TSlotSide; offsetAt: TOffsetAt; days: TDay[] };

type TWindow = { start: number; end: number; days: TDay[] };

function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer`);
  return v;
}

function timeOfDay(s: string, what: string): number {
  const m = parseTimeOfDay(s);
  if (m === null) throw new RangeError(`${what} "${s}" is not HH:mm`);
  return m;
}

/** Each side's working intervals (UTC ms) for every local date touching [lo, hi]. */
function planSide(side: TSlotSide, lo: number, hi: number): TSidePlan {
  const zone = zoneOf(side.zone);
  const startMin = timeOfDay(side.workingHours.start, 'working hours start');
  const endMin = timeOfDay(side.workingHours.end, 'working hours end');
  if (endMin <= startMin)
    throw new RangeError(`working hours of ${side.institutionId} must end after they start`);
  const periodMins = (side.lessonPeriods ?? [])
    .map((p) => timeOfDay(p.start, 'lesson period start'))
    .sort((a, b) => a - b);
  const weekdays = new Set(side.workingHours.weekdays);
  const offsetAt = cachedOffsets(zone);

  const days: TDay[] = [];
  const firstDay = Math.floor((lo + offsetAt(lo) * MINUTE_MS) / DAY_MS);
  const lastDay = Math.floor((hi + offsetAt(hi) * MINUTE_MS) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day++) {
    const wallMidnight = day * DAY_MS;
    const localDate = formatDate(wallMidnight);
    const working = side.isWorkingDay ? side.isWorkingDay(localDate) : weekdays.has(isoWeekday(wallMidnight));
    if (!working) continue;
    // A boundary inside a DST gap moves forward with the clocks; an overlap takes the earlier instant.
    const start = resolveWall(wallMidnight + startMin * MINUTE_MS, offsetAt).utcMs;
    const end = resolveWall(wallMidnight + endMin * MINUTE_MS, offsetAt).utcMs;
    if (end <= start) continue;
    const periods: number[] = [];
    for (const pm of periodMins) {
      const r = resolveWall(wallMidnight + pm * MINUTE_MS, offsetAt);
      // A period start that the clocks skip does not happen that day.
      if (r.kind !== 'nonexistent') periods.push(r.utcMs);
    }
    days.push({ start, end, localDate, periods });
  }
  return { side, offsetAt, days };
}

/** Intersects every side's working intervals; each window lies within one working day per side. */
function mutualWindows(plans: TSidePlan[]): TWindow[] {
  let windows: TWindow[] = plans[0]!.days.map((d) => ({ start: d.start, end: d.end, days: [d] }));
  for (let k = 1; k < plans.length; k++) {
    const other = plans[k]!.days;
    const next: TWindow[] = [];
    let i = 0;
    let j = 0;
    while (i < windows.length && j < other.length) {
      const w = windows[i]!;
      const d = other[j]!;
      const start = Math.max(w.start, d.start);
      const end = Math.min(w.end, d.end);
      if (start < end) next.push({ start, end, days: [...w.days, d] });
      if (w.end <= d.end) i++;
      else j++;
    }
    windows = next;
  }
  return windows;
}

/** Busy intervals widened by the buffer, sorted and merged: disjoint, so ends ascend too. */
function mergeBusy(busy: TBusyInterval[], bufferMs: number): { starts: number[]; ends: number[] } {
  const raw = busy.map((b) => {
    const s = parseInstant(b.startUtc);
    const e = parseInstant(b.endUtc);
    if (e < s) throw new RangeError(`busy interval ends before it starts: ${String(b.startUtc)}`);
    return [s - bufferMs, e + bufferMs] as const;
  });
  raw.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of raw) {
    const last = ends.length - 1;
    if (last >= 0 && s <= ends[last]!) {
      if (e > ends[last]!) ends[last] = e;
    } else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Finds mutually free slots for a joint lesson, best first.
 *
 * A slot `[start, start + duration)`:
 * - lies within `[max(fromUtc, nowUtc), toUtc]`;
 * - lies within the working hours of EVERY side on a working day of that side (local date of
 *   each side's own clock; working hours never span midnight);
 * - overlaps no busy interval widened by `bufferMinutes` on both ends (intervals are half-open,
 *   so a slot may end exactly where a widened busy interval starts);
 * - starts at a lesson-period start of at least one side when any side has lesson periods,
 *   otherwise on a `stepMinutes` grid anchored at the start of the mutual window (so with hours
 *   starting on the hour, slots start at :00, :15, …, also after a busy interval).
 *
 * Slots are ordered by score (see {@link SLOT_SCORE_WEIGHTS}), ties by earlier start, and cut to
 * `limit` (and `maxPerDay`). Cost: O(days × sides + candidates + busy·log busy): each side's day
 * boundaries are resolved once per local date from memoised zone offsets, busy intervals are
 * sorted and merged once and swept with one pointer, and candidates are integer milliseconds.
 *
 * Throws `RangeError` for invalid input (zones, `HH:mm` values, instants, non-positive sizes, a
 * range over {@link MAX_SEARCH_DAYS} days).
 */
export function findMutualSlots(input: TFindSlotsInput): TSlot[] {
  if (input.sides.length === 0) throw new RangeError('at least one side is needed');
  const durationMs = positiveInt(input.durationMinutes, 'durationMinutes') * MINUTE_MS;
  const stepMs = positiveInt(input.stepMinutes ?? 15, 'stepMinutes') * MINUTE_MS;
  const limit = positiveInt(input.limit ?? 20, 'limit');
  const maxPerDay =
    input.maxPerDay === undefined ? Number.POSITIVE_INFINITY : positiveInt(input.maxPerDay, 'maxPerDay');
  const buffer = input.bufferMinutes ?? 0;
  if (!Number.isFinite(buffer) || buffer < 0) throw new RangeError('bufferMinutes must not be negative');
  const lo = Math.max(parseInstant(input.fromUtc), parseInstant(input.nowUtc));
  const hi = parseInstant(input.toUtc);
  if (hi - lo > MAX_SEARCH_DAYS * DAY_MS)
    throw new RangeError(`search at most ${MAX_SEARCH_DAYS} days at once`);

  const plans = input.sides.map((side) => planSide(side, lo, Math.max(lo, hi)));
  const { starts: busyStart, ends: busyEnd } = mergeBusy(input.busy, buffer * MINUTE_MS);
  if (hi - lo < durationMs) return [];

  const periodSides = plans.filter((p) => p.side.lessonPeriods && p.side.lessonPeriods.length > 0).length;
  const soonScale = SOONNESS_HALF_DAYS * DAY_MS;
  const w = SLOT_SCORE_WEIGHTS;

  const candStart: number[] = [];
  const candScore: number[] = [];
  const candWindow: number[] = [];
  let p = 0;

  const windows = mutualWindows(plans);
  for (let wi = 0; wi < windows.length; wi++) {
    const win = windows[wi]!;
    const a = Math.max(win.start, lo);
    const lastStart = Math.min(win.end, hi) - durationMs;
    if (lastStart < a) continue;

    let periodStarts: number[] | null = null;
    if (periodSides > 0) {
      const set = new Set<number>();
      for (const d of win.days) for (const t of d.periods) if (t >= a && t <= lastStart) set.add(t);
      periodStarts = [...set].sort((x, y) => x - y);
    }
    let pi = 0;
    let s = periodStarts
      ? (periodStarts[0] ?? Number.POSITIVE_INFINITY)
      : win.start + Math.ceil((a - win.start) / stepMs) * stepMs;

    while (s <= lastStart) {
      while (p < busyEnd.length && busyEnd[p]! <= s) p++;
      if (p < busyEnd.length && busyStart[p]! < s + durationMs) {
        // Blocked: jump to the first candidate at or after the end of this busy stretch.
        const free = busyEnd[p]!;
        if (periodStarts) {
          while (pi < periodStarts.length && periodStarts[pi]! < free) pi++;
          s = periodStarts[pi] ?? Number.POSITIVE_INFINITY;
        } else {
          s = win.start + Math.ceil((free - win.start) / stepMs) * stepMs;
        }
        continue;
      }

      let centrality = 1;
      let aligned = 0;
      for (const d of win.days) {
        const room = d.end - d.start - durationMs;
        const c = room <= 0 ? 1 : 1 - Math.abs((2 * (s - d.start)) / room - 1);
        if (c < centrality) centrality = c;
        if (d.periods.includes(s)) aligned++;
      }
      const alignment = periodSides === 0 ? 1 : aligned / periodSides;
      const soonness = 1 / (1 + (s - lo) / soonScale);
      candStart.push(s);
      candScore.push(
        round6(w.centrality * Math.max(0, centrality) + w.alignment * alignment + w.soonness * soonness),
      );
      candWindow.push(wi);

      if (periodStarts) s = periodStarts[++pi] ?? Number.POSITIVE_INFINITY;
      else s += stepMs;
    }
  }

  const order = candStart.map((_, i) => i);
  order.sort((x, y) => candScore[y]! - candScore[x]! || candStart[x]! - candStart[y]!);

  const perDay = new Map<string, number>();
  const slots: TSlot[] = [];
  for (const i of order) {
    if (slots.length >= limit) break;
    const win = windows[candWindow[i]!]!;
    const dayKey = win.days[0]!.localDate;
    const used = perDay.get(dayKey) ?? 0;
    if (used >= maxPerDay) continue;
    perDay.set(dayKey, used + 1);
    const start = candStart[i]!;
    const end = start + durationMs;
    slots.push({
      startUtc: formatUtc(start),
      endUtc: formatUtc(end),
      score: candScore[i]!,
      local: plans.map((plan) => ({
        institutionId: plan.side.institutionId,
        zone: plan.side.zone,
        start: formatLocalIso(start, plan.offsetAt(start)),
        end: formatLocalIso(end, plan.offsetAt(end)),
      })),
    });
  }
  return slots;
}
