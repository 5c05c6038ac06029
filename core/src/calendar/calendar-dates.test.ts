import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, isoWeekdayOfEpochDay, toEpochDay } from './calendar-dates.ts';

describe('calendar dates', () => {
  it('when a day number is turned into a date and back, then it is unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('0001-01-01'), max: toEpochDay('9999-12-31') }), (n) => {
        expect(toEpochDay(fromEpochDay(n))).toBe(n);
      }),
    );
  });
  it('when a day lies past 9999-12-31 or before 0000-01-01, then it is an expanded date that turns back into the same day', () => {
    expect(addDays('9999-12-31', 1)).toBe('+010000-01-01');
    expect(addDays('0000-01-01', -1)).toBe('-000001-12-31');
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (n) => {
        expect(toEpochDay(fromEpochDay(n))).toBe(n);
      }),
    );
    expect(() => fromEpochDay(100_000_001)).toThrow(RangeError);
    expect(() => toEpochDay('-000000-01-01')).toThrow(RangeError);
  });
  it('when the weekday is asked, then it agrees with the JavaScript Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const jsDay = new Date(n * 86_400_000).getUTCDay();
        expect(isoWeekdayOfEpochDay(n)).toBe(jsDay === 0 ? 7 : jsDay);
      }),
    );
  });
  it('when days are added across a month, a year or a leap day, then the date rolls over', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('when the date is malformed or does not exist, then a RangeError is thrown', () => {
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '25-01-01',
      '2025-01-01T00:00',
      ' 2025-01-01',
    ]) {
      expect(() => toEpochDay(bad), bad).toThrow(RangeError);
    }
  });
});
