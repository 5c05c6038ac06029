import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWeekly, MAX_OCCURRENCES, ZRecurrenceSchema } from './recurrence.ts';
import { localToUtc, localView } from './zones.ts';

const DAY = 86_400_000;
const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const isoWeekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

describe('ZRecurrenceSchema', () => {
  it('when exactly one of count or until is given, then the rule is valid', () => {
    expect(ZRecurrenceSchema.safeParse({ weekdays: [1, 3], count: 10 }).success).toBe(true);
    expect(ZRecurrenceSchema.safeParse({ weekdays: [5], until: '2027-06-30' }).success).toBe(true);
  });

  it('when both, neither, or out-of-range values are given, then the rule is refused', () => {
    for (const bad of [
      { weekdays: [1], count: 3, until: '2027-06-30' },
      { weekdays: [1] },
      { weekdays: [], count: 3 },
      { weekdays: [0], count: 3 },
      { weekdays: [8], count: 3 },
      { weekdays: [1, 1], count: 3 },
      { weekdays: [1], count: 0 },
      { weekdays: [1], count: 201 },
      { weekdays: [1], count: 2.5 },
      { weekdays: [1], until: '2027-02-30' },
      { weekdays: [1], count: 3, extra: true },
    ]) {
      expect(ZRecurrenceSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('expandWeekly', () => {
  it('when a series runs Tuesdays and Thursdays with a count, then it yields that many occurrences on those days', () => {
    const { occurrences, skipped, truncated } = expandWeekly({
      localStart: '2027-02-16T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 90,
      recurrence: { weekdays: [2, 4], count: 5 },
    });
    expect(skipped).toEqual([]);
    expect(truncated).toBe(false);
    expect(occurrences.map((o) => o.localDate)).toEqual([
      '2027-02-16',
      '2027-02-18',
      '2027-02-23',
      '2027-02-25',
      '2027-03-02',
    ]);
    expect(occurrences[0]).toEqual({
      index: 0,
      startUtc: '2027-02-16T07:00:00.000Z',
      endUtc: '2027-02-16T08:30:00.000Z',
      localDate: '2027-02-16',
    });
  });

  it('when the start date is not a chosen weekday, then the first occurrence is the next chosen weekday', () => {
    const { occurrences } = expandWeekly({
      localStart: '2027-02-10T10:00', // a Wednesday
      zone: 'Asia/Almaty',
      durationMinutes: 45,
      recurrence: { weekdays: [1, 2], count: 2 },
    });
    expect(occurrences.map((o) => o.localDate)).toEqual(['2027-02-15', '2027-02-16']);
    expect(occurrences[0]!.startUtc).toBe('2027-02-15T05:00:00.000Z');
  });

  it('when a date is skipped by the caller, then it is listed and does not use up the count', () => {
    const { occurrences, skipped } = expandWeekly({
      localStart: '2027-02-16T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 90,
      recurrence: { weekdays: [2], count: 3 },
      isSkipped: (d) => (d === '2027-02-23' ? 'holiday:RU' : null),
    });
    expect(occurrences.map((o) => [o.index, o.localDate])).toEqual([
      [0, '2027-02-16'],
      [1, '2027-03-02'],
      [2, '2027-03-09'],
    ]);
    expect(skipped).toEqual([{ localDate: '2027-02-23', reason: 'holiday:RU' }]);
  });

  it('when until is given, then occurrences run up to and including it', () => {
    const { occurrences, truncated } = expandWeekly({
      localStart: '2027-09-01T09:00',
      zone: 'Asia/Almaty',
      durationMinutes: 45,
      recurrence: { weekdays: [1, 3, 5], until: '2027-09-29' },
    });
    expect(occurrences.at(-1)!.localDate).toBe('2027-09-29');
    expect(occurrences).toHaveLength(13);
    expect(truncated).toBe(false);
  });

  it('when until is before the start date, then there are no occurrences', () => {
    const r = expandWeekly({
      localStart: '2027-09-01T09:00',
      zone: 'Asia/Almaty',
      durationMinutes: 45,
      recurrence: { weekdays: [1, 3, 5], until: '2027-08-01' },
    });
    expect(r).toEqual({ occurrences: [], skipped: [], truncated: false });
  });

  it('when the wall time does not exist on a date (DST gap), then that date is skipped as nonexistent', () => {
    const { occurrences, skipped } = expandWeekly({
      localStart: '2027-03-07T02:30',
      zone: 'America/New_York',
      durationMinutes: 60,
      recurrence: { weekdays: [7], count: 3 },
    });
    expect(skipped).toEqual([{ localDate: '2027-03-14', reason: 'nonexistent_local_time' }]);
    expect(occurrences.map((o) => o.localDate)).toEqual(['2027-03-07', '2027-03-21', '2027-03-28']);
  });

  it('when the wall time occurs twice on a date (DST overlap), then the earlier instant is used', () => {
    const { occurrences } = expandWeekly({
      localStart: '2027-10-24T02:30',
      zone: 'Europe/Berlin',
      durationMinutes: 60,
      recurrence: { weekdays: [7], count: 2 },
    });
    expect(occurrences.map((o) => o.startUtc)).toEqual([
      '2027-10-24T00:30:00.000Z',
      '2027-10-31T00:30:00.000Z',
    ]);
  });

  it('when a Moscow series crosses the Karaganda clock change of 2024-03-01, then Moscow time stays and Karaganda time moves', () => {
    const { occurrences } = expandWeekly({
      localStart: '2024-02-26T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 90,
      recurrence: { weekdays: [1, 5], count: 3 },
    });
    expect(occurrences.map((o) => localView(o.startUtc, 'Europe/Moscow').time)).toEqual([
      '10:00',
      '10:00',
      '10:00',
    ]);
    expect(occurrences.map((o) => localView(o.startUtc, 'Asia/Almaty').time)).toEqual([
      '13:00',
      '12:00',
      '12:00',
    ]);
  });

  it('when the count exceeds what two years hold, then the series stops at the horizon and says so', () => {
    const r = expandWeekly({
      localStart: '2027-01-04T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 60,
      recurrence: { weekdays: [1], count: 150 },
    });
    expect(r.occurrences).toHaveLength(105); // Mondays 2027-01-04 … 2029-01-01, the last before 2029-01-04
    expect(r.occurrences.at(-1)!.localDate).toBe('2029-01-01');
    expect(r.truncated).toBe(true);
  });

  it('when until lies beyond 200 occurrences, then it stops at 200 and says so', () => {
    const r = expandWeekly({
      localStart: '2027-01-04T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 60,
      recurrence: { weekdays: [1, 2, 3, 4, 5], until: '2028-12-31' },
    });
    expect(r.occurrences).toHaveLength(MAX_OCCURRENCES);
    expect(r.truncated).toBe(true);
  });

  it('when until lies beyond two years, then the series ends at the horizon and says so', () => {
    const r = expandWeekly({
      localStart: '2027-01-04T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 60,
      recurrence: { weekdays: [1], until: '2029-06-30' },
    });
    expect(r.occurrences.at(-1)!.localDate).toBe('2029-01-01');
    expect(r.truncated).toBe(true);
  });

  it('when the input is invalid, then it throws a RangeError', () => {
    const base = {
      localStart: '2027-01-04T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 60,
      recurrence: { weekdays: [1], count: 3 },
    };
    expect(() => expandWeekly({ ...base, zone: 'Asia/Karaganda' })).toThrow(RangeError);
    expect(() => expandWeekly({ ...base, localStart: '2027-01-04' })).toThrow(RangeError);
    expect(() => expandWeekly({ ...base, durationMinutes: 0 })).toThrow(RangeError);
    expect(() =>
      expandWeekly({ ...base, recurrence: { weekdays: [1], count: 3, until: '2027-02-01' } }),
    ).toThrow(RangeError);
  });

  it('property: occurrences keep the series wall-clock time across DST changes; only nonexistent times are skipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Australia/Lord_Howe',
          'Europe/Moscow',
          'Asia/Almaty',
        ),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 60 }),
        (zone, dayOffset, hour, minute, weekdays, count) => {
          const date = dateAfter('2023-01-01', dayOffset);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const { occurrences, skipped, truncated } = expandWeekly({
            localStart: `${date}T${time}`,
            zone,
            durationMinutes: 60,
            recurrence: { weekdays, count },
          });
          expect(occurrences.length).toBe(count);
          expect(truncated).toBe(false);
          occurrences.forEach((o, i) => {
            const v = localView(o.startUtc, zone);
            expect(o.index).toBe(i);
            expect(v.time).toBe(time);
            expect(v.date).toBe(o.localDate);
            expect(weekdays).toContain(v.weekday);
            expect(Date.parse(o.endUtc) - Date.parse(o.startUtc)).toBe(3_600_000);
          });
          for (const s of skipped) {
            expect(s.reason).toBe('nonexistent_local_time');
            expect(localToUtc(`${s.localDate}T${time}`, zone)).toMatchObject({
              ok: false,
              code: 'nonexistent_local_time',
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every chosen weekday from the start to the last occurrence is either an occurrence or skipped, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(2, 3, 4, 5, 6, 8, 9),
        (dayOffset, weekdays, count, skipEvery) => {
          const start = dateAfter('2024-01-01', dayOffset);
          const holiday = (d: string) => (Date.parse(d) / DAY) % skipEvery === 0;
          const { occurrences, skipped } = expandWeekly({
            localStart: `${start}T10:00`,
            zone: 'Europe/Berlin',
            durationMinutes: 90,
            recurrence: { weekdays, count },
            isSkipped: (d) => (holiday(d) ? 'holiday' : null),
          });
          expect(occurrences).toHaveLength(count);
          const last = occurrences.at(-1)!.localDate;
          const expected: string[] = [];
          for (let d = start; d <= last; d = dateAfter(d, 1))
            if (weekdays.includes(isoWeekdayOf(d))) expected.push(d);
          expect(occurrences.map((o) => o.localDate)).toEqual(expected.filter((d) => !holiday(d)));
          expect(skipped).toEqual(
            expected.filter(holiday).map((localDate) => ({ localDate, reason: 'holiday' })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
