import { DateTime, IANAZone } from 'luxon';

/** Whether `zone` is a real IANA zone name (fixed offsets like "UTC+5" and invented names are not). */
export function isValidZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Etc/UTC') return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2}$/.test(zone)) return false;
  return IANAZone.isValidZone(zone);
}

export type TLocalToUtcResult =
  | { ok: true; utc: string; resolvedAmbiguity?: 'earlier' }
  | { ok: false; code: 'invalid_local_time' | 'nonexistent_local_time' | 'invalid_zone'; message: string };

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Converts a wall-clock time in a zone to a UTC instant.
 *
 * - A time that does not exist in the zone (skipped by a daylight-saving jump forward) is refused
 *   with `nonexistent_local_time` rather than silently shifted.
 * - A time that exists twice (the hour repeated when clocks go back) resolves to the EARLIER
 *   instant, i.e. the first occurrence, under the offset in force before the change.
 */
export function localToUtc(local: string, zone: string): TLocalToUtcResult {
  if (!isValidZone(zone))
    return { ok: false, code: 'invalid_zone', message: `"${zone}" is not an IANA time zone` };
  const m = LOCAL_RE.exec(local);
  if (!m)
    return {
      ok: false,
      code: 'invalid_local_time',
      message: `"${local}" is not a local time like 2027-02-10T10:00`,
    };
  const [, y, mo, d, h, mi, sec] = m.map(Number) as number[];
  const wallMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(sec) ? 0 : sec!);
  const check = new Date(wallMs);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo! - 1 ||
    check.getUTCDate() !== d ||
    h! > 23 ||
    mi! > 59
  ) {
    return { ok: false, code: 'invalid_local_time', message: `"${local}" is not a valid date and time` };
  }
  // Every instant that reads as this wall time: try the offsets in force around it and keep those
  // that agree with themselves. None: the time falls in a gap. Two: it is repeated.
  const iana = IANAZone.create(zone);
  const offsets = new Set([
    iana.offset(wallMs - 86_400_000),
    iana.offset(wallMs),
    iana.offset(wallMs + 86_400_000),
  ]);
  const instants = [...offsets]
    .map((o) => wallMs - o * 60_000)
    .filter((ts) => iana.offset(ts) * 60_000 === wallMs - ts)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    return {
      ok: false,
      code: 'nonexistent_local_time',
      message: `${local} does not exist in ${zone}: the clocks skip it (daylight saving)`,
    };
  }
  const utc = new Date(instants[0]!).toISOString();
  return instants.length > 1 ? { ok: true, utc, resolvedAmbiguity: 'earlier' } : { ok: true, utc };
}

export type TLocalView = {
  zone: string;
  /** ISO 8601 with offset, e.g. 2027-02-10T12:00:00+05:00. */
  local: string;
  offset: string;
  offsetMinutes: number;
  date: string;
  time: string;
  /** ISO weekday, Monday = 1. */
  weekday: number;
};

/** How an instant reads in a zone. */
export function localView(utc: string | Date, zone: string): TLocalView {
  const dt = (
    typeof utc === 'string' ? DateTime.fromISO(utc, { zone: 'UTC' }) : DateTime.fromJSDate(utc)
  ).setZone(zone);
  return {
    zone,
    local: dt.toISO({ suppressMilliseconds: true })!,
    offset: dt.toFormat('ZZ'),
    offsetMinutes: dt.offset,
    date: dt.toISODate()!,
    time: dt.toFormat('HH:mm'),
    weekday: dt.weekday,
  };
}

/** "10:00 Москва / 12:00 Караганда": one instant in every side's zone, in the order given. */
export function formatBothTimes(
  utc: string | Date,
  sides: { zone: string; label: string }[],
  separator = ' / ',
): string {
  return sides.map((s) => `${localView(utc, s.zone).time} ${s.label}`).join(separator);
}
