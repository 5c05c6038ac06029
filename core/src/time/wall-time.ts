/**
 * Internal integer-millisecond helpers shared by the time modules. A "wall" value is a local
 * wall-clock reading encoded as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`), so calendar
 * arithmetic on it never touches a time zone. Not exported from the package.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Offset of a zone at an instant, in minutes east of UTC (what luxon's `Zone#offset` returns). */
export type TOffsetAt = (utcMs: number) => number;

/**
 * How a wall-clock reading maps to an instant:
 * - `unique`: exactly one instant has this reading;
 * - `ambiguous`: two instants have it (DST fall-back overlap); `utcMs` is the EARLIER one;
 * - `nonexistent`: no instant has it (DST spring-forward gap); `utcMs` is the reading shifted
 *   forward by the gap length (the pre-transition offset applied), as luxon and Temporal's
 *   `compatible` mode do.
 */
export type TWallResolution = { kind: 'unique' | 'ambiguous' | 'nonexistent'; utcMs: number };

/**
 * Resolves a wall reading in a zone. The offsets a day before and a day after bracket every
 * instant that can carry the reading (|offset| < 24 h), so they are the only candidates — under the
 * assumption, true of every real zone in modern tzdb, that a zone changes its offset at most once
 * within 48 hours.
 */
export function resolveWall(wallMs: number, offsetAt: TOffsetAt): TWallResolution {
  const before = offsetAt(wallMs - DAY_MS);
  const after = offsetAt(wallMs + DAY_MS);
  const tsBefore = wallMs - before * MINUTE_MS;
  const okBefore = offsetAt(tsBefore) === before;
  if (before === after) {
    if (okBefore) return { kind: 'unique', utcMs: tsBefore };
    // Two changes within the window broke the assumption; try the offset actually found there.
    const found = offsetAt(tsBefore);
    const tsFound = wallMs - found * MINUTE_MS;
    if (offsetAt(tsFound) === found) return { kind: 'unique', utcMs: tsFound };
    return { kind: 'nonexistent', utcMs: tsBefore };
  }
  const tsAfter = wallMs - after * MINUTE_MS;
  const okAfter = offsetAt(tsAfter) === after;
  if (okBefore && okAfter) return { kind: 'ambiguous', utcMs: Math.min(tsBefore, tsAfter) };
  if (okBefore) return { kind: 'unique', utcMs: tsBefore };
  if (okAfter) return { kind: 'unique', utcMs: tsAfter };
  return { kind: 'nonexistent', utcMs: tsBefore };
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

function wallFromParts(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March; a changed day means the date does not exist.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms;
}

/** Parses `yyyy-MM-ddTHH:mm` or `yyyy-MM-ddTHH:mm:ss` into a wall value, or null. */
export function parseLocalDateTime(s: string): number | null {
  const m = LOCAL_RE.exec(s);
  if (!m) return null;
  return wallFromParts(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6]);
}

/** Parses `yyyy-MM-dd` into the wall value of its midnight, or null. */
export function parseLocalDate(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  return wallFromParts(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0);
}

/** Parses `HH:mm` (00:00–23:59) into minutes after midnight, or null. */
export function parseTimeOfDay(s: string): number | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const h = +m[1]!;
  const mi = +m[2]!;
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an ISO 8601 instant that carries `Z` or an explicit offset. Strings without an offset are
 * refused: `Date.parse` would read them in the process's own zone.
 */
export function parseInstant(v: string | Date): number {
  const ms = typeof v === 'string' ? (ISO_INSTANT_RE.test(v) ? Date.parse(v) : Number.NaN) : v.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`"${String(v)}" is not an ISO instant with Z or an offset`);
  return ms;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `yyyy-MM-dd` of a wall value (or of a whole day number since the epoch × DAY_MS). */
export function formatDate(wallMs: number): string {
  const d = new Date(wallMs);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `HH:mm` of a wall value. */
export function formatTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `+05:00` / `-03:30` for an offset in minutes. */
export function formatOffset(offsetMinutes: number): string {
  const total = Math.round(offsetMinutes);
  const abs = Math.abs(total);
  return `${total < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `yyyy-MM-ddTHH:mm:ss±HH:MM` for an instant seen at a given offset. */
export function formatLocalIso(utcMs: number, offsetMinutes: number): string {
  const wall = utcMs + offsetMinutes * MINUTE_MS;
  const d = new Date(wall);
  return `${formatDate(wall)}T${formatTime(wall)}:${pad2(d.getUTCSeconds())}${formatOffset(offsetMinutes)}`;
}

/** ISO instant in UTC as `Date#toISOString` writes it (`2025-02-10T07:00:00.000Z`). */
export function formatUtc(utcMs: number): string {
  return new Date(utcMs).toISOString();
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a wall value. */
export function isoWeekday(wallMs: number): number {
  const d = new Date(wallMs).getUTCDay();
  return d === 0 ? 7 : d;
}
