import type { TLocalizedText } from '../schemas/common.ts';

/** Russian month names in the genitive (`10 февраля`), January first; shared with the web client. */
export const MONTHS_RU = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;
/** Kazakh month names (nominative), January first; shared with the web client's date formatting. */
export const MONTHS_KK = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A `yyyy-MM-dd` date written out in Russian, Kazakh and English ("6 января 2024", "2024 жылғы 6 қаңтар", "6 January 2024"). */
export function spelledDate(date: string): TLocalizedText {
  const year = date.slice(0, 4);
  const monthIndex = Number(date.slice(5, 7)) - 1;
  const day = String(Number(date.slice(8, 10)));
  return {
    ru: `${day} ${MONTHS_RU[monthIndex]} ${year}`,
    kk: `${year} жылғы ${day} ${MONTHS_KK[monthIndex]}`,
    en: `${day} ${MONTHS_EN[monthIndex]} ${year}`,
  };
}

/**
 * Name of a weekday that is a day off because the rest of `from` was moved onto it, by an act or by
 * the carry-over rule; `holiday` is the holiday that fell on `from`, if any.
 */
export function transferredDayOffName(from: string, holiday?: TLocalizedText): TLocalizedText {
  const d = spelledDate(from);
  return {
    ru: `Выходной день, перенесённый с ${d.ru}${holiday ? ` (${holiday.ru})` : ''}`,
    kk: `${d.kk} күнінен ауыстырылған демалыс күні${holiday ? ` (${holiday.kk})` : ''}`,
    en: `Day off transferred from ${d.en}${holiday ? ` (${holiday.en})` : ''}`,
  };
}

/** Name of a Saturday or Sunday that is a working day because its rest was moved to `to`. */
export function workingWeekendName(to: string): TLocalizedText {
  const d = spelledDate(to);
  return {
    ru: `Рабочий день: выходной перенесён на ${d.ru}`,
    kk: `Жұмыс күні: демалыс ${d.kk} күніне ауыстырылды`,
    en: `Working day: its rest is moved to ${d.en}`,
  };
}

/** Name of a working day before a holiday on which work is one hour shorter. */
export const PRE_HOLIDAY_NAME: TLocalizedText = {
  ru: 'Предпраздничный день: работа на один час короче',
  kk: 'Мереке алдындағы күн: жұмыс уақыты бір сағатқа қысқа',
  en: 'Pre-holiday day: work is one hour shorter',
};
