/**
 * Calendar-date arithmetic on `yyyy-MM-dd` strings through whole days since 1970-01-01 (UTC), so
 * that no time zone or daylight-saving rule can shift a date.
 */

// `yyyy-MM-dd`, or ISO 8601's expanded form `±yyyyyy-MM-dd` for years outside 0000–9999.
const ISO_DATE = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a `yyyy-MM-dd` date (or `±yyyyyy-MM-dd` past the four-digit years, as
 * {@link fromEpochDay} writes them); throws a RangeError for anything else.
 */
export function toEpochDay(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match || match[1] === '-000000') {
    throw new RangeError(`expected a yyyy-MM-dd date, got ${JSON.stringify(date)}`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new RangeError(`no such calendar date: ${date}`);
  }
  return probe.getTime() / MS_PER_DAY;
}

/**
 * The date of a day counted from 1970-01-01: `yyyy-MM-dd` for the years 0000–9999, the expanded
 * `±yyyyyy-MM-dd` beyond them (so that a day after 9999-12-31 is still a date, not a crash).
 * Throws a RangeError only past the ±100,000,000 days a JavaScript Date holds.
 */
export function fromEpochDay(epochDay: number): string {
  const time = new Date(epochDay * MS_PER_DAY);
  if (!Number.isInteger(epochDay) || Number.isNaN(time.getTime())) {
    throw new RangeError(`no calendar date for day ${epochDay}`);
  }
  const iso = time.toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** ISO weekday of a day counted from 1970-01-01: Monday = 1 … Sunday = 7. */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Whether a day counted from 1970-01-01 is a Saturday or a Sunday. */
export function isWeekendEpochDay(epochDay: number): boolean {
  return isoWeekdayOfEpochDay(epochDay) >= 6;
}

/** The `yyyy-MM-dd` date `days` days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}
