import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWeekly } from './recurrence.ts';
import { localView } from './zones.ts';

describe('weekly recurrence', () => {
  it('when a series runs Tuesdays and Thursdays with a count, then it yields that many occurrences on those days', () => {
    const { occurrences, skipped } = expandWeekly({
      localStart: '2027-02-16T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 90,
      recurrence: { weekdays: [2, 4], count: 5 },
    });
    expect(skipped).toEqual([]);
    expect(occurrences.map((o) => o.localDate)).toEqual([
      '2027-02-16',
      '2027-02-18',
      '2027-02-23',
      '2027-02-25',
      '2027-03-02',
    ]);
    expect(occurrences[0]).toMatchObject({
      index: 0,
      startUtc: '2027-02-16T07:00:00.000Z',
      endUtc: '2027-02-16T08:30:00.000Z',
    });
  });

  it('when a date is skipped by the caller, then it is listed and does not use up the count', () => {
    const { occurrences, skipped } = expandWeekly({
      localStart: '2027-02-16T10:00',
      zone: 'Europe/Moscow',
      durationMinutes: 90,
      recurrence: { weekdays: [2], count: 3 },
      isSkipped: (d) => (d === '2027-02-23' ? 'holiday:RU' : null),
    });
    expect(occurrences.map((o) => o.localDate)).toEqual(['2027-02-16', '2027-03-02', '2027-03-09']);
    expect(skipped).toEqual([{ localDate: '2027-02-23', reason: 'holiday:RU' }]);
  });

  it('when until is given, then no occurrence falls after it', () => {
    const { occurrences } = expandWeekly({
      localStart: '2027-09-01T09:00',
      zone: 'Asia/Almaty',
      durationMinutes: 45,
      recurrence: { weekdays: [1, 3, 5], until: '2027-09-30' },
    });
    expect(occurrences.at(-1)!.localDate).toBe('2027-09-29');
    expect(occurrences).toHaveLength(13);
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

  it('property: every occurrence keeps the series wall-clock time in its zone across DST changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Europe/Moscow',
          'Asia/Almaty',
          'Australia/Sydney',
        ),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        (zone, dayOffset, hour, minute, weekdays) => {
          const date = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const hh = String(hour).padStart(2, '0');
          const mm = String(minute).padStart(2, '0');
          const { occurrences, skipped } = expandWeekly({
            localStart: `${date}T${hh}:${mm}`,
            zone,
            durationMinutes: 60,
            recurrence: { weekdays, count: 30 },
          });
          expect(occurrences.length).toBe(30);
          for (const o of occurrences) {
            const v = localView(o.startUtc, zone);
            expect(v.time).toBe(`${hh}:${mm}`);
            expect(v.date).toBe(o.localDate);
            expect(weekdays).toContain(v.weekday);
          }
          for (const s of skipped) expect(s.reason).toBe('nonexistent_local_time');
        },
      ),
      { numRuns: 300 },
    );
  });
});
