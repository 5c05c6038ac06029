import type { TLocalizedText } from '../schemas/common.ts';
import { fromEpochDay, isWeekendEpochDay, toEpochDay } from './calendar-dates.ts';
import { PRE_HOLIDAY_NAME, transferredDayOffName, workingWeekendName } from './calendar-labels.ts';
import type {
  TCalendarYear,
  TCalendarYearStatus,
  TCountry,
  TCountryCalendar,
  TDayInfo,
  TDayKind,
  TFixedHoliday,
} from './calendar-types.ts';
import { KZ_PRODUCTION_CALENDAR } from './production-calendar-kz.ts';
import { RU_PRODUCTION_CALENDAR } from './production-calendar-ru.ts';

export type { TCalendarYearStatus, TCountry, TDayInfo, TDayKind } from './calendar-types.ts';

/** The years (inclusive) for which both countries have a dated table; outside them `known` is false. */
export const CALENDAR_YEARS = { from: 2024, to: 2027 } as const;

const CALENDARS: Record<TCountry, TCountryCalendar> = {
  RU: RU_PRODUCTION_CALENDAR,
  KZ: KZ_PRODUCTION_CALENDAR,
};

type TDraftDay = {
  date: string;
  working: boolean;
  kind: TDayKind;
  shortened: boolean;
  name?: TLocalizedText;
  source?: string;
};

const monthDayKey = (month: number, day: number) => month * 100 + day;

const dateOf = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function plainDay(date: string, epochDay: number): TDraftDay {
  return isWeekendEpochDay(epochDay)
    ? { date, working: false, kind: 'weekend', shortened: false }
    : { date, working: true, kind: 'workday', shortened: false };
}

function holidayDay(date: string, name: TLocalizedText, source: string): TDraftDay {
  return { date, working: false, kind: 'holiday', shortened: false, name, source };
}

function freezeDay(day: TDraftDay, known: boolean): TDayInfo {
  const info: TDraftDay & { known: boolean } = {
    date: day.date,
    working: day.working,
    kind: day.kind,
    shortened: day.shortened,
    known,
  };
  if (day.name) info.name = Object.freeze({ ...day.name });
  if (day.source) info.source = day.source;
  return Object.freeze(info);
}

/**
 * Lays out one year: weekdays, fixed and movable holidays, transfers by act, the carry-over of holidays
 * falling on a weekend, and shortened days. Throws on a table that contradicts itself, so that a typo in
 * the data fails at module load (and in the tests) rather than silently.
 */
function layOutYear(calendar: TCountryCalendar, table: TCalendarYear, days: Map<string, TDraftDay>): void {
  const { country } = calendar;
  const { year } = table;
  const first = toEpochDay(dateOf(year, 1, 1));
  const last = toEpochDay(dateOf(year, 12, 31));
  const fail = (message: string): never => {
    throw new Error(`${country} ${year} production calendar: ${message}`);
  };
  const get = (date: string): TDraftDay => days.get(date) ?? fail(`${date} is outside the year`);

  for (let epochDay = first; epochDay <= last; epochDay++) {
    const date = fromEpochDay(epochDay);
    days.set(date, plainDay(date, epochDay));
  }
  for (const holiday of calendar.fixedHolidays) {
    const date = dateOf(year, holiday.month, holiday.day);
    days.set(date, holidayDay(date, holiday.name, holiday.source));
  }
  for (const holiday of table.movableHolidays) {
    if (get(holiday.date).kind === 'holiday') fail(`${holiday.date} is already a holiday`);
    days.set(holiday.date, holidayDay(holiday.date, holiday.name, holiday.source));
  }

  const movedByAct = new Set<string>();
  for (const transfer of table.transfers) {
    const from = get(transfer.from);
    const to = get(transfer.to);
    if (!isWeekendEpochDay(toEpochDay(transfer.from)))
      fail(`transfer from ${transfer.from}, not a weekend day`);
    if (movedByAct.has(transfer.from)) fail(`two transfers from ${transfer.from}`);
    if (to.kind !== 'workday') fail(`transfer to ${transfer.to}, which is a ${to.kind}`);
    movedByAct.add(transfer.from);
    if (from.kind === 'weekend') {
      days.set(transfer.from, {
        ...from,
        working: true,
        kind: 'working_weekend',
        name: workingWeekendName(transfer.to),
        source: transfer.source,
      });
    }
    days.set(transfer.to, {
      date: transfer.to,
      working: false,
      kind: 'transferred_day_off',
      shortened: false,
      name: transferredDayOffName(transfer.from, from.kind === 'holiday' ? from.name : undefined),
      source: transfer.source,
    });
  }

  const carried = calendar.fixedHolidays
    .filter((holiday) => holiday.carriesOver)
    .map((holiday) => dateOf(year, holiday.month, holiday.day))
    .filter((date) => isWeekendEpochDay(toEpochDay(date)) && !movedByAct.has(date))
    .sort();
  for (const holidayDate of carried) {
    let epochDay = toEpochDay(holidayDate) + 1;
    // The carried rest lands on the next day that is still an ordinary working day.
    while (epochDay <= last && get(fromEpochDay(epochDay)).kind !== 'workday') epochDay++;
    if (epochDay > last) fail(`no working day left in the year to carry ${holidayDate} over to`);
    const date = fromEpochDay(epochDay);
    days.set(date, {
      date,
      working: false,
      kind: 'transferred_day_off',
      shortened: false,
      name: transferredDayOffName(holidayDate, get(holidayDate).name),
      source: calendar.carryOverSource,
    });
  }

  for (const date of table.shortenedDays) {
    const day = get(date);
    if (!day.working) fail(`shortened day ${date} is not a working day`);
    if (!calendar.shortenedDaySource) fail('shortened days listed without a rule to cite');
    days.set(date, {
      ...day,
      shortened: true,
      name: day.name ?? PRE_HOLIDAY_NAME,
      source: day.source ?? calendar.shortenedDaySource,
    });
  }
}

/**
 * Lays out a country's whole table, one frozen {@link TDayInfo} per date of {@link CALENDAR_YEARS}.
 * The API builds both tables at load; this is exposed to check a table's data (e.g. a new year's).
 *
 * @throws Error when the table contradicts itself: a year missing, a transfer from a weekday or onto a
 *   non-working day, a shortened day that is not working, no working day left for a carry-over
 */
export function buildCalendarTable(calendar: TCountryCalendar): ReadonlyMap<string, TDayInfo> {
  const years = calendar.years.map((table) => table.year).sort((a, b) => a - b);
  const expected = Array.from(
    { length: CALENDAR_YEARS.to - CALENDAR_YEARS.from + 1 },
    (_, i) => CALENDAR_YEARS.from + i,
  );
  if (years.join() !== expected.join()) {
    throw new Error(
      `${calendar.country} production calendar covers ${years.join()}, expected ${expected.join()}`,
    );
  }
  const days = new Map<string, TDraftDay>();
  for (const table of calendar.years) layOutYear(calendar, table, days);
  const frozen = new Map<string, TDayInfo>();
  for (const [date, day] of days) frozen.set(date, freezeDay(day, true));
  return frozen;
}

// Built once at module load: the slot finder asks for thousands of dates.
const TABLES: Record<TCountry, ReadonlyMap<string, TDayInfo>> = {
  RU: buildCalendarTable(RU_PRODUCTION_CALENDAR),
  KZ: buildCalendarTable(KZ_PRODUCTION_CALENDAR),
};

const FIXED_BY_MONTH_DAY: Record<TCountry, ReadonlyMap<number, TFixedHoliday>> = {
  RU: new Map(RU_PRODUCTION_CALENDAR.fixedHolidays.map((h) => [monthDayKey(h.month, h.day), h])),
  KZ: new Map(KZ_PRODUCTION_CALENDAR.fixedHolidays.map((h) => [monthDayKey(h.month, h.day), h])),
};

function tableOf(country: TCountry): ReadonlyMap<string, TDayInfo> {
  const table = TABLES[country];
  if (!table) throw new RangeError(`no production calendar for country ${JSON.stringify(country)}`);
  return table;
}

/** Outside the table: Monday–Friday working, minus the holidays fixed to a month and day. */
function guessedDay(country: TCountry, date: string): TDayInfo {
  const epochDay = toEpochDay(date);
  const holiday = FIXED_BY_MONTH_DAY[country].get(
    monthDayKey(Number(date.slice(5, 7)), Number(date.slice(8, 10))),
  );
  return freezeDay(
    holiday ? holidayDay(date, holiday.name, holiday.source) : plainDay(date, epochDay),
    false,
  );
}

/**
 * What a date is in a country's production calendar, for a five-day working week.
 *
 * Within {@link CALENDAR_YEARS} the answer comes from the dated table (`known: true`); outside, it is
 * guessed from Monday–Friday plus the holidays fixed to a month and day (`known: false`: no transfers,
 * carry-overs or movable religious days). The returned object is shared and frozen.
 *
 * @param date a calendar date `yyyy-MM-dd` (the local date in that country)
 * @throws RangeError for a malformed or impossible date, or an unsupported country
 */
export function dayInfo(country: TCountry, date: string): TDayInfo {
  return tableOf(country).get(date) ?? guessedDay(country, date);
}

/** Whether people on a five-day week work on that date in that country (see {@link dayInfo}). */
export function isWorkingDay(country: TCountry, date: string): boolean {
  return dayInfo(country, date).working;
}

/**
 * The non-working days between two dates (both included) other than plain Saturdays and Sundays: holidays
 * (also those on a weekend) and transferred days off, in date order. Empty when `fromDate` is after `toDate`.
 *
 * @throws RangeError for a malformed or impossible date, or an unsupported country
 */
export function daysOffBetween(country: TCountry, fromDate: string, toDate: string): TDayInfo[] {
  const first = toEpochDay(fromDate);
  const last = toEpochDay(toDate);
  tableOf(country);
  const result: TDayInfo[] = [];
  for (let epochDay = first; epochDay <= last; epochDay++) {
    const info = dayInfo(country, fromEpochDay(epochDay));
    if (!info.working && info.kind !== 'weekend') result.push(info);
  }
  return result;
}

/**
 * How far a year of a country's table can be trusted: `official` when every act for it was out when the
 * table was written, `provisional` when the transfer acts (and, in Kazakhstan, the date of Kurban ait) are
 * still to come, `unknown` outside {@link CALENDAR_YEARS}.
 */
export function calendarYearStatus(country: TCountry, year: number): TCalendarYearStatus | 'unknown' {
  tableOf(country);
  return CALENDARS[country].years.find((table) => table.year === year)?.status ?? 'unknown';
}
