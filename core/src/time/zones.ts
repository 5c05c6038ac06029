import { IANAZone } from 'luxon';
import {
  DAY_MS,
  formatDate,
  formatLocalIso,
  formatOffset,
  formatTime,
  formatUtc,
  isoWeekday,
  MINUTE_MS,
  parseInstant,
  parseLocalDateTime,
  resolveWall,
} from './wall-time.ts';

/** Languages that {@link localView} can name weekdays in. */
export type TTimeLocale = 'ru' | 'kk' | 'en';

/** The tzdb areas of geographic zones (`Area/Location`). */
const ZONE_AREAS = new Set([
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
]);

const validity = new Map<string, boolean>();

function checkZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Etc/UTC') return true;
  // Karaganda keeps Asia/Almaty time; the name is a frequent mistake and must never be stored.
  if (zone === 'Asia/Karaganda') return false;
  const area = zone.slice(0, zone.indexOf('/'));
  if (!ZONE_AREAS.has(area) || !IANAZone.isValidZone(zone)) return false;
  // Intl accepts any letter case; we keep one spelling so stored zones compare equal.
  const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return !(resolved !== zone && resolved.toLowerCase() === zone.toLowerCase());
}

/**
 * Whether `zone` is a geographic IANA zone name usable for an institution or a series: an
 * `Area/Location` name that the runtime's tzdb knows, spelled in its canonical letter case, or
 * `UTC` / `Etc/UTC`.
 *
 * Rejected: unknown names (including `Asia/Karaganda`, which does not exist — Karaganda uses
 * `Asia/Almaty`), fixed offsets (`UTC+5`, `+05:00`, `Etc/GMT-5`), legacy aliases outside the
 * geographic areas (`EST`, `US/Eastern`) and case variants of a name (`europe/moscow`).
 */
export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  let ok = validity.get(zone);
  if (ok === undefined) {
    ok = checkZone(zone);
    if (validity.size < 1000) validity.set(zone, ok);
  }
  return ok;
}

/**
 * The luxon zone for a valid name; throws `RangeError` for an invalid one. Luxon caches the
 * underlying `Intl.DateTimeFormat` per name.
 * @internal
 */
export function zoneOf(zone: string): IANAZone {
  if (!isValidZone(zone)) throw new RangeError(invalidZoneMessage(zone));
  return IANAZone.create(zone);
}

function invalidZoneMessage(zone: string): string {
  if (zone === 'Asia/Karaganda')
    return '"Asia/Karaganda" is not an IANA time zone; Karaganda uses Asia/Almaty';
  return `"${zone}" is not a geographic IANA time zone (like Europe/Moscow or Asia/Almaty)`;
}

/** Result of {@link localToUtc}. */
export type TLocalToUtcResult =
  | { ok: true; utc: string; resolvedAmbiguity?: 'earlier' }
  | { ok: false; code: 'invalid_local_time' | 'nonexistent_local_time' | 'invalid_zone'; message: string };

/**
 * Converts a wall-clock time in a zone to a UTC instant.
 *
 * - `localIso` is `yyyy-MM-ddTHH:mm` or `yyyy-MM-ddTHH:mm:ss`, without offset; a malformed or
 *   impossible value (`2025-02-30T10:00`, `24:00`) gives `invalid_local_time`.
 * - A time inside a DST gap (e.g. `2027-03-14T02:30` in America/New_York) never shows on local
 *   clocks and gives `nonexistent_local_time` — luxon would silently shift it forward.
 * - A time inside a DST overlap (clocks turned back, the reading occurs twice) resolves to the
 *   EARLIER instant, the first occurrence, i.e. the one with the pre-transition offset (e.g.
 *   `2026-11-01T01:30` America/New_York → `05:30Z`, EDT), and the result says
 *   `resolvedAmbiguity: 'earlier'`.
 *
 * `utc` is ISO 8601 with `Z`, as `Date#toISOString` writes it (`2025-02-10T07:00:00.000Z`).
 */
export function localToUtc(localIso: string, zone: string): TLocalToUtcResult {
  const wall = typeof localIso === 'string' ? parseLocalDateTime(localIso) : null;
  if (wall === null) {
    return {
      ok: false,
      code: 'invalid_local_time',
      message: `"${localIso}" is not a local time like 2027-02-10T10:00`,
    };
  }
  if (!isValidZone(zone)) return { ok: false, code: 'invalid_zone', message: invalidZoneMessage(zone) };
  const z = IANAZone.create(zone);
  const r = resolveWall(wall, (ms) => z.offset(ms));
  if (r.kind === 'nonexistent') {
    const shifted = formatTime(r.utcMs + z.offset(r.utcMs) * MINUTE_MS);
    return {
      ok: false,
      code: 'nonexistent_local_time',
      message: `${localIso} does not exist in ${zone}: clocks move forward over it (daylight saving); the same instant would read ${shifted}`,
    };
  }
  return r.kind === 'ambiguous'
    ? { ok: true, utc: formatUtc(r.utcMs), resolvedAmbiguity: 'earlier' }
    : { ok: true, utc: formatUtc(r.utcMs) };
}

/** An instant as seen on the local clocks of one zone. */
export type TLocalView = {
  zone: string;
  /** ISO 8601 with the zone's offset: `2025-02-10T12:00:00+05:00`. */
  local: string;
  /** `+05:00` */
  offset: string;
  /** Minutes east of UTC: 300 for +05:00. */
  offsetMinutes: number;
  /** Local date `yyyy-MM-dd`. */
  date: string;
  /** Local time `HH:mm`. */
  time: string;
  /** ISO weekday of the local date, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Weekday name in the requested language (`понедельник`, `дүйсенбі`, `Monday`). */
  weekdayName: string;
};

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function weekdayName(wallMs: number, locale: TTimeLocale): string {
  let f = weekdayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    weekdayFormats.set(locale, f);
  }
  return f.format(wallMs);
}

/**
 * How an instant reads in a zone. A string `utcIso` must carry `Z` or an explicit offset. Throws
 * `RangeError` for an unparseable instant or an invalid zone (validate input with
 * {@link isValidZone} first). `locale` (default `ru`) only affects `weekdayName`.
 */
export function localView(utcIso: string | Date, zone: string, locale: TTimeLocale = 'ru'): TLocalView {
  const ms = parseInstant(utcIso);
  const z = zoneOf(zone);
  const offsetMinutes = z.offset(ms);
  const wall = ms + offsetMinutes * MINUTE_MS;
  return {
    zone,
    local: formatLocalIso(ms, offsetMinutes),
    offset: formatOffset(offsetMinutes),
    offsetMinutes,
    date: formatDate(wall),
    time: formatTime(wall),
    weekday: isoWeekday(wall),
    weekdayName: weekdayName(wall, locale),
  };
}

/** One clock shown by {@link formatBothTimes}. */
export type TClockSide = { zone: string; label: string };

/**
 * The same instant on several local clocks, in the order given, joined with `separator`:
 * `10:00 Москва / 12:00 Караганда`. When a side's local date differs from the first side's,
 * its time gets a day marker: `23:30 Москва / 01:30 (+1) Караганда`. Throws `RangeError` like
 * {@link localView}.
 */
export function formatBothTimes(utcIso: string | Date, sides: TClockSide[], separator = ' / '): string {
  const ms = parseInstant(utcIso);
  let firstDay: number | null = null;
  return sides
    .map((side) => {
      const wall = ms + zoneOf(side.zone).offset(ms) * MINUTE_MS;
      const day = Math.floor(wall / DAY_MS);
      firstDay ??= day;
      const shift = day - firstDay;
      const marker = shift === 0 ? '' : ` (${shift > 0 ? '+' : '−'}${Math.abs(shift)})`;
      return `${formatTime(wall)}${marker} ${side.label}`;
    })
    .join(separator);
}

/**
 * A time range on every clock, in the order given: `10:00–11:30 Москва / 12:00–13:30 Караганда`.
 * The day marker compares each clock's start date with the first clock's, as `formatBothTimes`.
 */
export function formatBothRanges(
  startIso: string | Date,
  endIso: string | Date,
  sides: TClockSide[],
  separator = ' / ',
): string {
  const start = parseInstant(startIso);
  const end = parseInstant(endIso);
  let firstDay: number | null = null;
  return sides
    .map((side) => {
      const wallStart = start + zoneOf(side.zone).offset(start) * MINUTE_MS;
      const wallEnd = end + zoneOf(side.zone).offset(end) * MINUTE_MS;
      const day = Math.floor(wallStart / DAY_MS);
      firstDay ??= day;
      const shift = day - firstDay;
      const marker = shift === 0 ? '' : ` (${shift > 0 ? '+' : '−'}${Math.abs(shift)})`;
      return `${formatTime(wallStart)}–${formatTime(wallEnd)}${marker} ${side.label}`;
    })
    .join(separator);
}
