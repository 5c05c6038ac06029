import { dayInfo, type TCountry } from '@telemost/core/calendar/production-calendar';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TInstitution } from '@telemost/core/schemas/institution';
import { DateTime } from 'luxon';

/**
 * The range the calendar asks the api for: from the week's (or agenda's) first date, padded by 14
 * hours each side, so it covers those days on any clock. lib/first-reads.ts asks for the plain
 * week the same way before the app runs.
 */
export function eventsRange(fromDate: string, days: number): { from: string; to: string } {
  const from = DateTime.fromISO(fromDate, { zone: 'UTC' }).minus({ hours: 14 });
  return { from: from.toISO()!, to: from.plus({ days, hours: 28 }).toISO()! };
}

/** A country's day off or holiday on one date of the week grid. */
export type TDayMark = { country: TCountry; kind: string; name?: TLocalizedText };

/** Minutes after midnight on the viewer's clock; `end` may pass 24 * 60 when a side's day ends tomorrow. */
export type TMinuteRange = { start: number; end: number };

const isCalendarCountry = (c: string): c is TCountry => c === 'RU' || c === 'KZ';

/** The distinct countries of the sides, in the order given (the viewer's own first). */
export function sideCountries(sides: readonly TInstitution[]): TCountry[] {
  const out: TCountry[] = [];
  for (const s of sides) if (isCalendarCountry(s.country) && !out.includes(s.country)) out.push(s.country);
  return out;
}

/** Every side's country where `date` (`yyyy-MM-dd`) is not a working day, with the holiday's name. */
export function dayMarks(date: string, sides: readonly TInstitution[]): TDayMark[] {
  const marks: TDayMark[] = [];
  for (const country of sideCountries(sides)) {
    const info = dayInfo(country, date);
    if (!info.working) marks.push({ country, kind: info.kind, name: info.name });
  }
  return marks;
}

/**
 * The hours every side works on `date` of the viewer's calendar, on the viewer's clock: the
 * intersection of each college's working hours (in its own zone, on its own working days, an hour
 * shorter on a Russian pre-holiday day). Null when the sides share no working time that day.
 */
export function commonWorkingHours(
  date: string,
  sides: readonly TInstitution[],
  viewerZone: string,
): TMinuteRange | null {
  if (sides.length === 0) return null;
  const dayStart = DateTime.fromISO(date, { zone: viewerZone }).startOf('day');
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  for (const side of sides) {
    // The side's own date at the viewer's midday: the day they are living while the viewer has `date`.
    const local = dayStart.plus({ hours: 12 }).setZone(side.timeZone);
    const localDate = local.toISODate()!;
    if (!side.workingHours.weekdays.includes(local.weekday)) return null;
    let shortened = false;
    if (isCalendarCountry(side.country)) {
      const info = dayInfo(side.country, localDate);
      if (!info.working) return null;
      shortened = info.shortened;
    }
    const open = DateTime.fromISO(`${localDate}T${side.workingHours.start}`, { zone: side.timeZone });
    const close = DateTime.fromISO(`${localDate}T${side.workingHours.end}`, { zone: side.timeZone }).minus({
      hours: shortened ? 1 : 0,
    });
    start = Math.max(start, open.diff(dayStart, 'minutes').minutes);
    end = Math.min(end, close.diff(dayStart, 'minutes').minutes);
  }
  return end > start ? { start, end } : null;
}

/** `HH:mm` of minutes after midnight. */
export function formatMinutesOfDay(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `HH:mm` on another clock of the viewer's hour `hour` on `date`: the partner's hour column. */
export function hourOnClock(date: string, hour: number, viewerZone: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: viewerZone }).set({ hour }).setZone(timeZone).toFormat('HH:mm');
}

/** The hours the week grid shows when the week holds nothing outside them. */
export const DEFAULT_GRID_HOURS = { first: 7, last: 21 } as const;

/**
 * The hours the week grid spans on the viewer's clock: 07:00–21:00, widened to the whole hour
 * around any activity of the week that starts earlier or ends later (an evening cultural event in
 * Moscow is late at night in Karaganda), so no card is cut off at the grid's edge. An activity
 * running past midnight runs to 24:00.
 */
export function gridHours(
  events: readonly { start: string; end: string }[],
  viewerZone: string,
): { first: number; last: number } {
  let { first, last }: { first: number; last: number } = DEFAULT_GRID_HOURS;
  for (const e of events) {
    const start = DateTime.fromISO(e.start).setZone(viewerZone);
    const end = DateTime.fromISO(e.end).setZone(viewerZone);
    first = Math.min(first, start.hour);
    const endMinutes = end.hasSame(start, 'day') ? end.hour * 60 + end.minute : 24 * 60;
    last = Math.max(last, Math.ceil(endMinutes / 60));
  }
  return { first, last: Math.min(last, 24) };
}
