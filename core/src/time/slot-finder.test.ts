import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findMutualSlots, type TFindSlotsInput, type TSlot, type TSlotSide } from './slot-finder.ts';
import { localToUtc } from './zones.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];
const HOURS = { start: '08:00', end: '17:00', weekdays: WEEKDAYS };
const MOSCOW: TSlotSide = { institutionId: 'msk', zone: 'Europe/Moscow', workingHours: HOURS };
const KARAGANDA: TSlotSide = { institutionId: 'krg', zone: 'Asia/Almaty', workingHours: HOURS };
const BERLIN: TSlotSide = { institutionId: 'ber', zone: 'Europe/Berlin', workingHours: HOURS };

const utc = (local: string, zone: string) => {
  const r = localToUtc(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r.utc;
};
const msk = (local: string) => utc(local, 'Europe/Moscow');
const mskTime = (iso: string) => DateTime.fromISO(iso).setZone('Europe/Moscow').toFormat('yyyy-MM-dd HH:mm');

function find(over: Partial<TFindSlotsInput>): TSlot[] {
  return findMutualSlots({
    sides: [MOSCOW, KARAGANDA],
    busy: [],
    durationMinutes: 60,
    fromUtc: '2025-02-10T00:00:00Z',
    toUtc: '2025-02-11T00:00:00Z',
    nowUtc: '2025-01-01T00:00:00Z',
    limit: 10_000,
    ...over,
  });
}

/** Per Moscow date: earliest start and latest end, Moscow time. */
function mutualSpanByDate(slots: TSlot[]): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const s of [...slots].sort((a, b) => a.startUtc.localeCompare(b.startUtc))) {
    const [date, start] = mskTime(s.startUtc).split(' ') as [string, string];
    const end = mskTime(s.endUtc).split(' ')[1]!;
    out[date] = [out[date]?.[0] ?? start, end];
  }
  return out;
}

describe('findMutualSlots', () => {
  it('when Moscow and Karaganda both work 08:00–17:00, then the mutual window is 08:00–15:00 Moscow from 2024-03-01 and 08:00–14:00 before', () => {
    const slots = find({
      fromUtc: msk('2024-02-26T00:00'),
      toUtc: msk('2024-03-05T00:00'),
      nowUtc: '2024-01-01T00:00:00Z',
    });
    expect(mutualSpanByDate(slots)).toEqual({
      '2024-02-26': ['08:00', '14:00'],
      '2024-02-27': ['08:00', '14:00'],
      '2024-02-28': ['08:00', '14:00'],
      '2024-02-29': ['08:00', '14:00'],
      '2024-03-01': ['08:00', '15:00'],
      '2024-03-04': ['08:00', '15:00'],
    });
    expect(slots.find((s) => s.startUtc === msk('2024-03-04T14:00'))!.local).toEqual([
      {
        institutionId: 'msk',
        zone: 'Europe/Moscow',
        start: '2024-03-04T14:00:00+03:00',
        end: '2024-03-04T15:00:00+03:00',
      },
      {
        institutionId: 'krg',
        zone: 'Asia/Almaty',
        start: '2024-03-04T16:00:00+05:00',
        end: '2024-03-04T17:00:00+05:00',
      },
    ]);
  });

  it('when the lesson fills the whole mutual window, then exactly one slot fits each day', () => {
    const slots = find({
      durationMinutes: 7 * 60,
      fromUtc: msk('2025-02-10T00:00'),
      toUtc: msk('2025-02-15T00:00'),
    });
    expect(slots.map((s) => mskTime(s.startUtc)).sort()).toEqual([
      '2025-02-10 08:00',
      '2025-02-11 08:00',
      '2025-02-12 08:00',
      '2025-02-13 08:00',
      '2025-02-14 08:00',
    ]);
  });

  it('when an interval is busy with a buffer, then no slot overlaps it widened by the buffer, and slots may touch the edges', () => {
    const slots = find({
      busy: [{ startUtc: msk('2025-02-10T10:00'), endUtc: msk('2025-02-10T11:00') }],
      bufferMinutes: 15,
    });
    const starts = slots.map((s) => mskTime(s.startUtc).slice(11)).sort();
    expect(starts).toContain('08:45'); // ends 09:45, where the buffer begins
    expect(starts).toContain('11:15'); // starts where the buffer ends
    for (const s of starts) expect(s <= '08:45' || s >= '11:15').toBe(true);
  });

  it('when busy intervals overlap, come unsorted or as Dates, then they are merged', () => {
    const slots = find({
      busy: [
        { startUtc: new Date(msk('2025-02-10T12:15')), endUtc: new Date(msk('2025-02-10T15:00')) },
        { startUtc: msk('2025-02-10T08:30'), endUtc: msk('2025-02-10T10:00') },
        { startUtc: msk('2025-02-10T09:00'), endUtc: msk('2025-02-10T11:10') },
      ],
    });
    expect(slots.map((s) => mskTime(s.startUtc).slice(11)).sort()).toEqual(['11:15']);
  });

  it('when a busy interval ends off the grid, then the next slot starts on the grid', () => {
    const slots = find({ busy: [{ startUtc: msk('2025-02-10T08:00'), endUtc: msk('2025-02-10T13:05') }] });
    expect(slots.map((s) => mskTime(s.startUtc).slice(11)).sort()).toEqual([
      '13:15',
      '13:30',
      '13:45',
      '14:00',
    ]);
  });

  it('when either side has a non-working day, then that day yields no slots', () => {
    const slots = find({
      fromUtc: msk('2025-03-17T00:00'),
      toUtc: msk('2025-03-22T00:00'),
      sides: [
        { ...MOSCOW, isWorkingDay: (d) => d !== '2025-03-18' && !['2025-03-22', '2025-03-23'].includes(d) },
        { ...KARAGANDA, isWorkingDay: (d) => !['2025-03-21', '2025-03-22', '2025-03-23'].includes(d) }, // Nauryz
      ],
    });
    expect(Object.keys(mutualSpanByDate(slots))).toEqual(['2025-03-17', '2025-03-19', '2025-03-20']);
  });

  it('when isWorkingDay marks a Saturday as working, then it wins over the weekdays', () => {
    const saturday = '2025-11-01';
    const worksSaturday = (d: string) => d === saturday || new Date(d).getUTCDay() % 6 !== 0;
    const slots = find({
      fromUtc: msk('2025-11-01T00:00'),
      toUtc: msk('2025-11-03T00:00'),
      sides: [
        { ...MOSCOW, isWorkingDay: worksSaturday },
        { ...KARAGANDA, isWorkingDay: worksSaturday },
      ],
    });
    expect(Object.keys(mutualSpanByDate(slots))).toEqual([saturday]);
  });

  it('when a third side is in Berlin, then the window follows its daylight-saving change', () => {
    // Berlin 08:00 is 10:00 Moscow in winter (UTC+1) and 09:00 from 2025-03-30 (UTC+2).
    const slots = find({
      sides: [MOSCOW, KARAGANDA, BERLIN],
      fromUtc: msk('2025-03-27T00:00'),
      toUtc: msk('2025-04-01T00:00'),
    });
    expect(mutualSpanByDate(slots)).toEqual({
      '2025-03-27': ['10:00', '15:00'],
      '2025-03-28': ['10:00', '15:00'],
      '2025-03-31': ['09:00', '15:00'],
    });
    expect(slots[0]!.local[2]!.zone).toBe('Europe/Berlin');
    expect(slots.find((s) => s.startUtc === msk('2025-03-31T09:00'))!.local[2]!.start).toBe(
      '2025-03-31T08:00:00+02:00',
    );
  });

  it('when sides have lesson periods, then slots start only at period starts and aligned ones rank first', () => {
    const slots = find({
      durationMinutes: 90,
      sides: [
        {
          ...MOSCOW,
          lessonPeriods: ['08:30', '10:10', '11:50', '13:30', '15:10'].map((start) => ({
            start,
            end: start,
          })),
        },
        {
          ...KARAGANDA,
          lessonPeriods: ['08:00', '09:40', '12:10', '13:50', '15:30'].map((start) => ({
            start,
            end: start,
          })),
        },
      ],
    });
    // Karaganda periods in Moscow time: 06:00, 07:40, 10:10, 11:50, 13:30; 06:00 and 07:40 are before Moscow opens.
    // 10:10 and 11:50 start a period on both sides; 11:50 Moscow is 13:50, late in the Karaganda day.
    expect(slots.map((s) => mskTime(s.startUtc).slice(11))).toEqual(['10:10', '11:50', '13:30', '08:30']);
    expect(slots[0]!.score).toBeGreaterThan(slots[3]!.score);
  });

  it('when slots are ranked, then mid-day for both sides comes first and sooner dates win ties of time of day', () => {
    const slots = find({
      durationMinutes: 90,
      fromUtc: msk('2025-02-10T00:00'),
      toUtc: msk('2025-02-13T00:00'),
      limit: 3,
    });
    // Moscow day 08–17 and Karaganda 06–15 Moscow time: both are best balanced at 10:45 Moscow.
    expect(slots.map((s) => mskTime(s.startUtc))).toEqual([
      '2025-02-10 10:45',
      '2025-02-11 10:45',
      '2025-02-12 10:45',
    ]);
    expect(slots[0]!.score).toBeGreaterThan(slots[1]!.score);
    expect(slots[0]!.score).toBeLessThanOrEqual(1);
  });

  it('when maxPerDay is set, then suggestions spread over days', () => {
    const slots = find({
      fromUtc: msk('2025-02-10T00:00'),
      toUtc: msk('2025-02-15T00:00'),
      limit: 6,
      maxPerDay: 1,
    });
    expect(new Set(slots.map((s) => mskTime(s.startUtc).slice(0, 10))).size).toBe(5);
    expect(slots).toHaveLength(5);
  });

  it('when now is inside the range, then no slot starts before now', () => {
    const slots = find({ nowUtc: msk('2025-02-10T12:07') });
    expect(slots.map((s) => mskTime(s.startUtc).slice(11)).sort()).toEqual([
      '12:15',
      '12:30',
      '12:45',
      '13:00',
      '13:15',
      '13:30',
      '13:45',
      '14:00',
    ]);
  });

  it('when the range is shorter than the lesson, then there are no slots', () => {
    expect(find({ fromUtc: msk('2025-02-10T10:00'), toUtc: msk('2025-02-10T10:30') })).toEqual([]);
    expect(find({ fromUtc: msk('2025-02-11T10:00'), toUtc: msk('2025-02-10T10:30') })).toEqual([]);
  });

  it('when the input is invalid, then it throws a RangeError', () => {
    expect(() => find({ sides: [] })).toThrow(RangeError);
    expect(() => find({ sides: [{ ...MOSCOW, zone: 'Asia/Karaganda' }] })).toThrow(RangeError);
    expect(() => find({ sides: [{ ...MOSCOW, workingHours: { ...HOURS, end: '07:00' } }] })).toThrow(
      RangeError,
    );
    expect(() => find({ sides: [{ ...MOSCOW, workingHours: { ...HOURS, start: '8:00' } }] })).toThrow(
      RangeError,
    );
    expect(() => find({ durationMinutes: 0 })).toThrow(RangeError);
    expect(() => find({ stepMinutes: 2.5 })).toThrow(RangeError);
    expect(() => find({ bufferMinutes: -5 })).toThrow(RangeError);
    expect(() => find({ fromUtc: '2025-02-10T00:00' })).toThrow(RangeError);
    expect(() => find({ toUtc: '2026-06-01T00:00:00Z' })).toThrow(RangeError);
    expect(() =>
      find({ busy: [{ startUtc: msk('2025-02-10T11:00'), endUtc: msk('2025-02-10T10:00') }] }),
    ).toThrow(RangeError);
  });
});

const ZONES = ['Europe/Moscow', 'Asia/Almaty', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
const hhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

const arbSide = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    startQ: fc.integer({ min: 6 * 4, max: 12 * 4 }),
    lengthQ: fc.integer({ min: 4 * 4, max: 11 * 4 }),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidaySalt: fc.integer({ min: 0, max: 6 }),
    periodsQ: fc.option(fc.uniqueArray(fc.integer({ min: 6 * 4, max: 20 * 4 }), { maxLength: 6 }), {
      nil: undefined,
    }),
  })
  .map(({ zone, startQ, lengthQ, weekdays, holidaySalt, periodsQ }, i = 0) => {
    const holiday = (d: string) => (Number(d.slice(8, 10)) + holidaySalt) % 7 === 0;
    const side: TSlotSide = {
      institutionId: `${zone}#${i}`,
      zone,
      workingHours: {
        start: hhmm(startQ * 15),
        end: hhmm(Math.min(startQ * 15 + lengthQ * 15, 22 * 60)),
        weekdays,
      },
      isWorkingDay: (d) => weekdays.includes(DateTime.fromISO(d).weekday) && !holiday(d),
    };
    if (periodsQ) side.lessonPeriods = periodsQ.map((q) => ({ start: hhmm(q * 15), end: hhmm(q * 15 + 45) }));
    return side;
  });

const arbQuery = fc
  .record({
    sides: fc.array(arbSide, { minLength: 1, maxLength: 3 }),
    fromDay: fc.integer({ min: 0, max: 3 * 365 }),
    days: fc.integer({ min: 1, max: 21 }),
    busy: fc.array(fc.record({ startQ: fc.nat(), lengthQ: fc.integer({ min: 0, max: 16 }) }), {
      maxLength: 40,
    }),
    bufferMinutes: fc.constantFrom(0, 5, 10, 15, 30),
    durationMinutes: fc.constantFrom(30, 45, 60, 90, 120),
    nowShiftQ: fc.integer({ min: -200, max: 200 }),
  })
  .map((q) => {
    const from = Date.UTC(2024, 0, 1) + q.fromDay * 86_400_000;
    const spanQ = q.days * 96;
    return {
      sides: q.sides,
      busy: q.busy.map((b) => {
        const s = from + (b.startQ % spanQ) * 900_000;
        return {
          startUtc: new Date(s).toISOString(),
          endUtc: new Date(s + b.lengthQ * 900_000).toISOString(),
        };
      }),
      bufferMinutes: q.bufferMinutes,
      durationMinutes: q.durationMinutes,
      fromUtc: new Date(from).toISOString(),
      toUtc: new Date(from + spanQ * 900_000).toISOString(),
      nowUtc: new Date(from + q.nowShiftQ * 900_000).toISOString(),
      limit: 100_000,
    } satisfies TFindSlotsInput;
  });

/** Checks a slot with luxon alone: working day and hours of every side, busy + buffer, range. */
function slotIsValid(q: TFindSlotsInput, start: number): boolean {
  const end = start + q.durationMinutes * 60_000;
  if (start < Math.max(Date.parse(q.fromUtc as string), Date.parse(q.nowUtc as string))) return false;
  if (end > Date.parse(q.toUtc as string)) return false;
  const buffer = (q.bufferMinutes ?? 0) * 60_000;
  for (const b of q.busy) {
    if (start < Date.parse(b.endUtc as string) + buffer && Date.parse(b.startUtc as string) - buffer < end)
      return false;
  }
  for (const side of q.sides) {
    const s = DateTime.fromMillis(start, { zone: side.zone });
    const e = DateTime.fromMillis(end, { zone: side.zone });
    if (!side.isWorkingDay!(s.toISODate()!)) return false;
    if (e.toISODate() !== s.toISODate()) return false;
    if (s.toFormat('HH:mm') < side.workingHours.start || e.toFormat('HH:mm') > side.workingHours.end)
      return false;
  }
  return true;
}

describe('findMutualSlots properties', () => {
  it('property: every slot is free of busy time (with buffer) and inside all sides’ working hours on working days', () => {
    fc.assert(
      fc.property(arbQuery, (q) => {
        const slots = findMutualSlots({ ...q, limit: 50 });
        for (const slot of slots) {
          expect(slotIsValid(q, Date.parse(slot.startUtc))).toBe(true);
          expect(Date.parse(slot.endUtc) - Date.parse(slot.startUtc)).toBe(q.durationMinutes * 60_000);
          expect(slot.local.map((l) => l.zone)).toEqual(q.sides.map((s) => s.zone));
          for (const l of slot.local) expect(Date.parse(l.start)).toBe(Date.parse(slot.startUtc));
          if (q.sides.some((side) => side.lessonPeriods?.length)) {
            const startsPeriod = q.sides.some((side, k) =>
              side.lessonPeriods?.some((p) => slot.local[k]!.start.slice(11, 16) === p.start),
            );
            expect(startsPeriod).toBe(true);
          }
        }
        for (let i = 1; i < slots.length; i++) {
          const [a, b] = [slots[i - 1]!, slots[i]!];
          expect(a.score > b.score || (a.score === b.score && a.startUtc < b.startUtc)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: with whole-quarter-hour zones and hours, the slots are exactly the valid starts on the 15-minute grid', () => {
    fc.assert(
      fc.property(arbQuery, (query) => {
        const q = { ...query, sides: query.sides.map(({ lessonPeriods: _, ...side }) => side) };
        const found = findMutualSlots(q)
          .map((s) => Date.parse(s.startUtc))
          .sort((a, b) => a - b);
        const expected: number[] = [];
        const from = Date.parse(q.fromUtc);
        for (let t = from; t <= Date.parse(q.toUtc); t += 900_000) if (slotIsValid(q, t)) expected.push(t);
        expect(found).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
