import { z } from 'zod';
import { type TLocalizedText, ZDateSchema, ZLocalizedTextSchema } from '../schemas/common.ts';

/** Countries whose production calendar is kept as a dated table. */
export const CALENDAR_COUNTRIES = ['RU', 'KZ'] as const;
export const ZCalendarCountrySchema = z.enum(CALENDAR_COUNTRIES);
/** A country with a production calendar: Russia or Kazakhstan. */
export type TCountry = z.infer<typeof ZCalendarCountrySchema>;

/**
 * What a date is in a production calendar:
 * - `workday`: an ordinary Monday–Friday working day;
 * - `weekend`: an ordinary Saturday or Sunday;
 * - `holiday`: a public holiday or a non-working religious day (may fall on a weekend);
 * - `transferred_day_off`: a weekday made a day off by a transfer act or by the weekend carry-over rule;
 * - `working_weekend`: a Saturday or Sunday made a working day by a transfer act.
 */
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'transferred_day_off', 'working_weekend'] as const;
export const ZDayKindSchema = z.enum(DAY_KINDS);
export type TDayKind = z.infer<typeof ZDayKindSchema>;

/** One date of a country's production calendar, as the API hands it out. */
export const ZDayInfoSchema = z.strictObject({
  date: ZDateSchema,
  /** Whether people on a five-day week work that day. */
  working: z.boolean(),
  kind: ZDayKindSchema,
  /** A pre-holiday working day one hour shorter (Russia only). */
  shortened: z.boolean(),
  name: ZLocalizedTextSchema.optional(),
  /** The legal act the entry rests on. */
  source: z.string().min(1).optional(),
  /** False when the year is outside the table and the day was guessed from weekdays and fixed holidays. */
  known: z.boolean(),
});
/** One date of a production calendar. Instances returned by the API are shared and frozen. */
export type TDayInfo = Readonly<z.infer<typeof ZDayInfoSchema>>;

/** How sure a year of the table is: `official` once every act for it is out, `provisional` before. */
export type TCalendarYearStatus = 'official' | 'provisional';

/** A public holiday on the same month and day every year. */
export type TFixedHoliday = {
  month: number;
  day: number;
  name: TLocalizedText;
  source: string;
  /** Whether, falling on a Saturday or Sunday, it makes the next working day a day off by law. */
  carriesOver: boolean;
};

/** A non-working day whose date changes from year to year (Kazakhstan: first day of Kurban ait). */
export type TMovableHoliday = { date: string; name: TLocalizedText; source: string };

/**
 * A day of rest moved by an act: `from` is the Saturday or Sunday whose rest moves (a holiday that fell
 * on a weekend, or a plain weekend day that becomes a working day); `to` is the weekday that becomes a day off.
 */
export type TDayOffTransfer = { from: string; to: string; source: string };

/** One year of a country's table. */
export type TCalendarYear = {
  year: number;
  status: TCalendarYearStatus;
  movableHolidays: readonly TMovableHoliday[];
  transfers: readonly TDayOffTransfer[];
  /** Working days one hour shorter before a holiday. */
  shortenedDays: readonly string[];
};

/** A country's production calendar: its laws' fixed holidays and a dated table per year. */
export type TCountryCalendar = {
  country: TCountry;
  fixedHolidays: readonly TFixedHoliday[];
  /** The rule that moves the rest of a holiday falling on a weekend to the next working day. */
  carryOverSource: string;
  /** The rule that shortens pre-holiday working days, where there is one. */
  shortenedDaySource?: string;
  years: readonly TCalendarYear[];
};
