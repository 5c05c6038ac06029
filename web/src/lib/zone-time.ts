import { localToUtc, localView } from '@telemost/core/time/zones';

/** A wall-clock time as typed on one clock, `2027-02-10T10:00` (the shape of a datetime-local value). */
export type TLocalInput = string;

/** The result of reading a wall-clock time in one zone. */
export type TZoneReading =
  | { ok: true; utc: string }
  | { ok: false; reason: 'empty' | 'invalid' | 'nonexistent'; message: string };

/** Reads a wall-clock time typed for `timeZone` as an instant; a DST gap is refused, not shifted. */
export function readLocalInput(value: TLocalInput, timeZone: string): TZoneReading {
  if (!value) return { ok: false, reason: 'empty', message: '' };
  const r = localToUtc(value.slice(0, 16), timeZone);
  if (r.ok) return { ok: true, utc: r.utc };
  return {
    ok: false,
    reason: r.code === 'nonexistent_local_time' ? 'nonexistent' : 'invalid',
    message: r.message,
  };
}

/** An instant as a wall-clock input value in `timeZone`. */
export function toLocalInput(utcIso: string, timeZone: string): TLocalInput {
  return localView(utcIso, timeZone).local.slice(0, 16);
}

/**
 * The wall-clock time in `toZone` that shows the same instant as `value` in `fromZone`, or null
 * when `value` is not a real time there. This is what the booking form shows live on the other
 * side while one side's time is typed.
 */
export function convertLocalInput(value: TLocalInput, fromZone: string, toZone: string): TLocalInput | null {
  const r = readLocalInput(value, fromZone);
  return r.ok ? toLocalInput(r.utc, toZone) : null;
}
