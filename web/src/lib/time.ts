import { MONTHS_KK, MONTHS_RU } from '@telemost/core/calendar/calendar-labels';
import {
  formatClockRanges,
  formatClocks,
  type TClock,
  VIEWER_ZONE_FALLBACK,
} from '@telemost/core/presentation/clocks';
import { DateTime, Info } from 'luxon';
import type { TLocale } from './i18n/dictionary.ts';

/** One clock to show an instant on: a zone and the city it is read in (core's presentation type). */
export type { TClock } from '@telemost/core/presentation/clocks';

const MINUTE = 60_000;

/** `HH:mm` of an instant in a zone. */
export function clockTime(iso: string | Date, timeZone: string): string {
  return toZone(iso, timeZone).toFormat('HH:mm');
}

function toZone(iso: string | Date, timeZone: string): DateTime {
  const dt = typeof iso === 'string' ? DateTime.fromISO(iso, { setZone: true }) : DateTime.fromJSDate(iso);
  return dt.setZone(timeZone);
}

/**
 * The same instant on every clock, in the order given, joined with a middle dot:
 * `10:00 Москва · 12:00 Караганда`. A clock whose local date differs from the first clock's gets
 * a day marker, `23:30 Москва · 01:30 (+1) Караганда`, so nobody misreads the day.
 */
export function formatBothTimes(iso: string | Date, clocks: TClock[]): string {
  return formatClocks(iso, clocks, ' · ');
}

/** A time range on every clock: `10:00–11:30 Москва · 12:00–13:30 Караганда` (core's one formatter). */
export function formatBothRanges(startIso: string, endIso: string, clocks: TClock[]): string {
  return formatClockRanges(startIso, endIso, clocks, ' · ');
}

/*
 * Kazakh dates are spelled out here rather than by Intl: browsers ship uneven Kazakh locale data
 * (Debian's Chromium prints "2026 M12 1, Tue"), and a date must read the same on every machine.
 * The patterns follow CLDR's Kazakh ones.
 */
const KK_MONTHS = MONTHS_KK;
const KK_MONTHS_SHORT = [
  'қаң.',
  'ақп.',
  'нау.',
  'сәу.',
  'мам.',
  'мау.',
  'шіл.',
  'там.',
  'қыр.',
  'қаз.',
  'қар.',
  'жел.',
];
const KK_WEEKDAYS = ['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі'];
const KK_WEEKDAYS_SHORT = ['дс', 'сс', 'ср', 'бс', 'жм', 'сб', 'жс'];

/** Weekday names Monday first, in the UI language (`пн`, `дс`, `Mon`). */
export function weekdayNames(locale: TLocale, width: 'short' | 'long' = 'short'): string[] {
  if (locale === 'kk') return width === 'short' ? KK_WEEKDAYS_SHORT : KK_WEEKDAYS;
  return Info.weekdays(width, { locale });
}

/** A local date in words, in the UI language: `среда, 10 февраля 2027 г.`. */
export function formatLongDate(iso: string | Date, timeZone: string, locale: TLocale): string {
  const d = toZone(iso, timeZone);
  if (locale === 'kk')
    return `${d.year} ж. ${d.day} ${KK_MONTHS[d.month - 1]}, ${KK_WEEKDAYS[d.weekday - 1]}`;
  return d
    .setLocale(locale)
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** A short local date: `ср, 10 февр.`. */
export function formatShortDate(iso: string | Date, timeZone: string, locale: TLocale): string {
  return formatShort(toZone(iso, timeZone), locale);
}

/** A short date of a luxon date already in its zone. */
export function formatShort(d: DateTime, locale: TLocale): string {
  if (locale === 'kk') return `${KK_WEEKDAYS_SHORT[d.weekday - 1]}, ${d.day} ${KK_MONTHS_SHORT[d.month - 1]}`;
  return d.setLocale(locale).toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
}

/** Day and month, with the year if asked: `10 февраля`, `10 февраля 2027 г.`. */
export function formatDayMonth(d: DateTime, locale: TLocale, withYear = false): string {
  if (locale === 'kk') return `${withYear ? `${d.year} ж. ` : ''}${d.day} ${KK_MONTHS[d.month - 1]}`;
  return d
    .setLocale(locale)
    .toLocaleString(
      withYear ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long' },
    );
}

/** Date and time in one zone: `10 февраля 2027 г., 10:00`. */
export function formatDateTime(iso: string | Date, timeZone: string, locale: TLocale): string {
  const d = toZone(iso, timeZone);
  if (locale === 'kk') return `${formatDayMonth(d, locale, true)}, ${d.toFormat('HH:mm')}`;
  return d.setLocale(locale).toLocaleString({
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** Offset of a zone at an instant, `+03:00`. */
export function zoneOffset(iso: string | Date, timeZone: string): string {
  return toZone(iso, timeZone).toFormat('ZZ');
}

/** The parts of a duration, for countdowns: whole days, hours, minutes, seconds. */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/**
 * A duration in the UI language with the locale's own unit words (`2 дн. 3 ч 5 мин`,
 * `2 күн 3 сағ 5 мин`, `2 days 3 hr 5 min`); seconds only under a minute.
 */
export function formatDuration(ms: number, locale: TLocale): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  const unit = (value: number, u: 'day' | 'hour' | 'minute' | 'second') =>
    locale === 'kk'
      ? `${value} ${KK_UNITS[u]}`
      : new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const parts: string[] = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if (minutes || (days === 0 && hours === 0 && minutes === 0 && seconds === 0))
    parts.push(unit(minutes, 'minute'));
  if (!days && !hours && !minutes && seconds) parts.push(unit(seconds, 'second'));
  return parts.join(' ');
}

const KK_UNITS = { day: 'күн', hour: 'сағ', minute: 'мин', second: 'с' } as const;

/** Minutes as a duration: `90 мин`, `1 ч 30 мин`. */
export function formatMinutes(minutes: number, locale: TLocale): string {
  return formatDuration(minutes * MINUTE, locale);
}

/** Monday 00:00 of the week holding `iso`, in `timeZone`. */
export function startOfWeek(date: DateTime): DateTime {
  return date.startOf('day').minus({ days: date.weekday - 1 });
}

/** The text with its first letter in upper case, as ru and kk headings are written (`Среда, 10 февраля`). */
export function capitalizeFirst(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}

/**
 * A range of days, built from day numbers and month names rather than Intl (whose Kazakh output
 * puts the year in the middle: "30 қараша – 2026 ж. 6 желтоқсан"): `30 қараша – 6 желтоқсан 2026 ж.`,
 * `30 ноября – 6 декабря 2026 г.`, `1–7 декабря 2026 г.`, `30 November – 6 December 2026`.
 */
export function formatDateRange(first: DateTime, last: DateTime, locale: TLocale): string {
  const month = (d: DateTime) =>
    locale === 'kk'
      ? KK_MONTHS[d.month - 1]!
      : locale === 'ru'
        ? MONTHS_RU[d.month - 1]!
        : d.setLocale('en').toFormat('LLLL');
  const year = (d: DateTime) =>
    locale === 'kk' ? `${d.year} ж.` : locale === 'ru' ? `${d.year} г.` : `${d.year}`;
  const end = `${last.day} ${month(last)} ${year(last)}`;
  if (first.hasSame(last, 'month')) return `${first.day}–${end}`;
  const start = first.hasSame(last, 'year')
    ? `${first.day} ${month(first)}`
    : `${first.day} ${month(first)} ${year(first)}`;
  return `${start} – ${end}`;
}

/** The browser's own zone, for visitors who are not signed in (a guest, an employer checking a certificate). */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || VIEWER_ZONE_FALLBACK;
  } catch {
    return VIEWER_ZONE_FALLBACK;
  }
}
