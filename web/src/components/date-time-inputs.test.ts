import { describe, expect, it } from 'vitest';
import { normalizeTime, readDate } from './date-time-inputs.tsx';

describe('readDate', () => {
  it('when a date is typed dd.MM.yyyy (or pasted as ISO), then it reads as yyyy-mm-dd; a month/day swap or a day that does not exist does not', () => {
    expect(readDate('02.03.2027')).toBe('2027-03-02');
    expect(readDate('2.3.2027')).toBe('2027-03-02');
    expect(readDate(' 2027-03-02 ')).toBe('2027-03-02');
    expect(readDate('03/32/2027')).toBeNull();
    expect(readDate('31.02.2027')).toBeNull();
    expect(readDate('2027-02-31')).toBeNull();
    expect(readDate('')).toBeNull();
  });
});

describe('normalizeTime', () => {
  it('when a time is typed on the 24-hour clock, then it reads as HH:mm; AM/PM and 24:00 do not', () => {
    expect(normalizeTime('9:30')).toBe('09:30');
    expect(normalizeTime('0930')).toBe('09:30');
    expect(normalizeTime('23:59')).toBe('23:59');
    expect(normalizeTime('24:00')).toBeNull();
    expect(normalizeTime('9:30 PM')).toBeNull();
    expect(normalizeTime('9:60')).toBeNull();
  });
});

describe('the web client’s date and time fields', () => {
  it('when any page asks for a date or a time, then it is through these fields, never the native ones that follow the browser’s locale (mm/dd, AM/PM)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..');
    const offenders = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .filter((f) =>
        /type=["'](date|time|datetime-local)["']/.test(readFileSync(path.join(root, f), 'utf8')),
      );
    expect(offenders).toEqual([]);
  });
});
