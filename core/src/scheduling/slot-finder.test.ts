import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findMutualSlots, type TSlotSide } from './slot-finder.ts';

const weekdaysOnly = (zone: string) => (d: string) => DateTime.fromISO(d, { zone }).weekday <= 5;
const side = (
  id: string,
  zone: string,
  start = '08:00',
  end = '17:00',
  periods: { start: string; end: string }[] = [],
): TSlotSide => ({
  institutionId: id,
  zone,
  workingHours: { start, end, weekdays: [1, 2, 3, 4, 5] },
  lessonPeriods: periods,
  isWorkingDay: weekdaysOnly(zone),
});
const msk = side('msk', 'Europe/Moscow');
const krg = side('krg', 'Asia/Almaty');
const ms = (iso: string) => Date.parse(iso);

describe('mutual slot finder', () => {
  it('when both work 08:00–17:00 local after March 2024, then slots lie within 08:00–15:00 Moscow (10:00–17:00 Karaganda)', () => {
    const slots = findMutualSlots({
      sides: [msk, krg],
      busy: [],
      bufferMinutes: 0,
      durationMinutes: 60,
      from: ms('2027-02-10T00:00:00Z'),
      to: ms('2027-02-11T00:00:00Z'),
      limit: 100,
    });
    expect(slots.length).toBeGreaterThan(0);
    const times = slots.map((s) => s.local[0]!.start.slice(11, 16)).sort();
    expect(times[0]).toBe('08:00');
    expect(times.at(-1)).toBe('14:00');
    expect(slots[0]!.local[1]!.start).toMatch(/\+05:00$/);
  });

  it('when Karaganda was UTC+6 (before March 2024), then the mutual window is 08:00–14:00 Moscow', () => {
    const slots = findMutualSlots({
      sides: [msk, krg],
      busy: [],
      bufferMinutes: 0,
      durationMinutes: 60,
      from: ms('2024-01-15T00:00:00Z'),
      to: ms('2024-01-16T00:00:00Z'),
      limit: 100,
    });
    const times = slots.map((s) => s.local[0]!.start.slice(11, 16)).sort();
    expect(times[0]).toBe('08:00');
    expect(times.at(-1)).toBe('13:00');
  });

  it('when a slot would overlap a booking or its buffer, then it is not offered', () => {
    const busy = [{ start: ms('2027-02-10T07:00:00Z'), end: ms('2027-02-10T08:30:00Z') }];
    const slots = findMutualSlots({
      sides: [msk, krg],
      busy,
      bufferMinutes: 10,
      durationMinutes: 60,
      from: ms('2027-02-10T00:00:00Z'),
      to: ms('2027-02-11T00:00:00Z'),
      limit: 100,
    });
    for (const s of slots)
      expect(s.end <= busy[0]!.start - 10 * 60_000 || s.start >= busy[0]!.end + 10 * 60_000).toBe(true);
  });

  it('when either side has a day off, then that day offers nothing', () => {
    const holidayKz = {
      ...krg,
      isWorkingDay: (d: string) => d !== '2027-03-22' && weekdaysOnly('Asia/Almaty')(d),
    };
    const slots = findMutualSlots({
      sides: [msk, holidayKz],
      busy: [],
      bufferMinutes: 0,
      durationMinutes: 60,
      from: ms('2027-03-22T00:00:00Z'),
      to: ms('2027-03-23T00:00:00Z'),
    });
    expect(slots).toEqual([]);
  });

  it('when lesson periods exist, then period starts are offered and rank above off-grid times of equal centrality', () => {
    const withPeriods = side('msk', 'Europe/Moscow', '08:30', '17:30', [{ start: '10:10', end: '11:40' }]);
    const slots = findMutualSlots({
      sides: [withPeriods, krg],
      busy: [],
      bufferMinutes: 0,
      durationMinutes: 90,
      from: ms('2027-02-10T00:00:00Z'),
      to: ms('2027-02-11T00:00:00Z'),
    });
    expect(slots[0]!.local[0]!.start.slice(11, 16)).toBe('10:10');
  });

  it('when a third partner observes daylight saving, then its hours apply in its own local time', () => {
    const berlin = side('ber', 'Europe/Berlin', '08:00', '16:00');
    const slots = findMutualSlots({
      sides: [msk, krg, berlin],
      busy: [],
      bufferMinutes: 0,
      durationMinutes: 60,
      from: ms('2027-06-09T00:00:00Z'),
      to: ms('2027-06-10T00:00:00Z'),
      limit: 100,
    });
    // Summer: Berlin UTC+2 opens 06:00Z; Karaganda closes 12:00Z.
    const starts = slots.map((s) => s.start).sort((a, b) => a - b);
    expect(new Date(starts[0]!).toISOString()).toBe('2027-06-09T06:00:00.000Z');
    expect(new Date(starts.at(-1)!).toISOString()).toBe('2027-06-09T11:00:00.000Z');
  });

  it('property: no slot overlaps a busy interval (with buffer) and every slot is inside all sides’ working hours on working days', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 13 }),
            startMin: fc.integer({ min: 0, max: 24 * 60 - 30 }),
            len: fc.integer({ min: 15, max: 180 }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(30, 45, 60, 90),
        (raw, buffer, duration) => {
          const from = ms('2027-04-05T00:00:00Z');
          const busy = raw.map((b) => ({
            start: from + b.day * 86_400_000 + b.startMin * 60_000,
            end: from + b.day * 86_400_000 + (b.startMin + b.len) * 60_000,
          }));
          const slots = findMutualSlots({
            sides: [msk, krg],
            busy,
            bufferMinutes: buffer,
            durationMinutes: duration,
            from,
            to: from + 14 * 86_400_000,
            limit: 1000,
          });
          for (const s of slots) {
            for (const b of busy)
              expect(s.end <= b.start - buffer * 60_000 || s.start >= b.end + buffer * 60_000).toBe(true);
            for (const sd of [msk, krg]) {
              const a = DateTime.fromMillis(s.start, { zone: sd.zone });
              const e = DateTime.fromMillis(s.end, { zone: sd.zone });
              expect(a.weekday).toBeLessThanOrEqual(5);
              expect(a.hour * 60 + a.minute).toBeGreaterThanOrEqual(8 * 60);
              expect(e.toISODate()).toBe(a.toISODate());
              expect(e.hour * 60 + e.minute).toBeLessThanOrEqual(17 * 60);
            }
          }
          for (let i = 1; i < slots.length; i++)
            expect(slots[i - 1]!.score).toBeGreaterThanOrEqual(slots[i]!.score);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
