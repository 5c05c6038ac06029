import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  capitalizeFirst,
  formatBothRanges,
  formatBothTimes,
  formatDateRange,
  formatDuration,
  formatLongDate,
  formatShortDate,
} from './time.ts';

const MSK = { timeZone: 'Europe/Moscow', label: 'Москва' };
const KRG = { timeZone: 'Asia/Almaty', label: 'Караганда' };

describe('formatBothTimes', () => {
  it('when a 2027 lesson starts at 10:00 in Moscow, then Karaganda reads 12:00 (UTC+5)', () => {
    expect(formatBothTimes('2027-02-10T07:00:00Z', [MSK, KRG])).toBe('10:00 Москва · 12:00 Караганда');
  });

  it('when the lesson is on 2024-01-15, before Kazakhstan moved to UTC+5, then Karaganda reads 13:00', () => {
    expect(formatBothTimes('2024-01-15T07:00:00Z', [MSK, KRG])).toBe('10:00 Москва · 13:00 Караганда');
  });

  it('when the other side is already on the next day, then its time carries a (+1) marker', () => {
    expect(formatBothTimes('2027-02-10T20:30:00Z', [MSK, KRG])).toBe('23:30 Москва · 01:30 (+1) Караганда');
    expect(formatBothTimes('2027-02-10T20:30:00Z', [KRG, MSK])).toBe('01:30 Караганда · 23:30 (−1) Москва');
  });

  it('when an instant carries an offset instead of Z, then it is read as the same instant', () => {
    expect(formatBothTimes('2027-02-10T12:00:00+05:00', [MSK, KRG])).toBe('10:00 Москва · 12:00 Караганда');
  });
});

describe('formatBothRanges', () => {
  it('when a 90-minute lesson is shown, then each side gets its own start and end', () => {
    expect(formatBothRanges('2027-02-10T07:00:00Z', '2027-02-10T08:30:00Z', [MSK, KRG])).toBe(
      '10:00–11:30 Москва · 12:00–13:30 Караганда',
    );
  });
});

describe('formatDuration', () => {
  it('when a countdown is shown in Russian, Kazakh or English, then the unit words are the locale’s own', () => {
    const ms = (2 * 3600 + 5 * 60) * 1000;
    expect(formatDuration(ms, 'ru')).toMatch(/^2 ч 5 мин$/);
    expect(formatDuration(ms, 'en')).toMatch(/^2 hr 5 min$/);
    expect(formatDuration(ms, 'kk')).toBe('2 сағ 5 мин');
  });
});

describe('Kazakh dates', () => {
  it('when a date is shown in Kazakh, then it is spelled the same on every runtime', () => {
    expect(formatLongDate('2027-02-10T07:00:00Z', 'Asia/Almaty', 'kk')).toBe('2027 ж. 10 ақпан, сәрсенбі');
    expect(formatShortDate('2027-02-10T07:00:00Z', 'Asia/Almaty', 'kk')).toBe('ср, 10 ақп.');
  });
});

describe('formatDateRange', () => {
  const d = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Almaty' });

  it('when a Kazakh week spans two months, then the year comes once, at the end, as Kazakh writes it', () => {
    expect(formatDateRange(d('2026-11-30'), d('2026-12-06'), 'kk')).toBe('30 қараша – 6 желтоқсан 2026 ж.');
    expect(formatDateRange(d('2026-11-30'), d('2026-12-06'), 'ru')).toBe('30 ноября – 6 декабря 2026 г.');
    expect(formatDateRange(d('2026-11-30'), d('2026-12-06'), 'en')).toBe('30 November – 6 December 2026');
  });

  it('when the week is inside one month, then the month is named once', () => {
    expect(formatDateRange(d('2026-12-07'), d('2026-12-13'), 'kk')).toBe('7–13 желтоқсан 2026 ж.');
    expect(formatDateRange(d('2026-12-07'), d('2026-12-13'), 'ru')).toBe('7–13 декабря 2026 г.');
  });

  it('when the week crosses the new year, then both years are written', () => {
    expect(formatDateRange(d('2026-12-28'), d('2027-01-03'), 'kk')).toBe(
      '28 желтоқсан 2026 ж. – 3 қаңтар 2027 ж.',
    );
  });
});

describe('capitalizeFirst', () => {
  it('when a ru or kk date starts with a weekday, then only its first letter becomes upper case', () => {
    expect(capitalizeFirst('среда, 10 февраля 2027 г.')).toBe('Среда, 10 февраля 2027 г.');
    expect(capitalizeFirst('2027 ж. 10 ақпан, сәрсенбі')).toBe('2027 ж. 10 ақпан, сәрсенбі');
    expect(capitalizeFirst('дс, 30 қар.')).toBe('Дс, 30 қар.');
  });
});
