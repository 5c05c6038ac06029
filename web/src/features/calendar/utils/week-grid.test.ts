import { describe, expect, it, vi } from 'vitest';
import { calendarRead, mondayOf } from '../../../lib/first-reads.ts';
import { createInstitution, createKaragandaInstitution } from '../../../testing/data-generators.ts';
import { listEvents } from '../api/events-api.ts';
import {
  commonWorkingHours,
  dayMarks,
  eventsRange,
  formatMinutesOfDay,
  gridHours,
  hourOnClock,
} from './week-grid.ts';

const MOSCOW = createInstitution();
const KARAGANDA = createKaragandaInstitution();

describe('commonWorkingHours', () => {
  it("when Moscow works 08:30–17:30 and Karaganda 08:00–18:00 (UTC+5), then both work 08:30–16:00 on Moscow's clock", () => {
    const overlap = commonWorkingHours('2026-12-02', [MOSCOW, KARAGANDA], 'Europe/Moscow');
    expect(overlap && [formatMinutesOfDay(overlap.start), formatMinutesOfDay(overlap.end)]).toEqual([
      '08:30',
      '16:00',
    ]);
  });

  it("when read on Karaganda's clock, then the same overlap is 10:30–18:00", () => {
    const overlap = commonWorkingHours('2026-12-02', [KARAGANDA, MOSCOW], 'Asia/Almaty');
    expect(overlap && [formatMinutesOfDay(overlap.start), formatMinutesOfDay(overlap.end)]).toEqual([
      '10:30',
      '18:00',
    ]);
  });

  it('when one side has a holiday, then there is no common working time', () => {
    expect(commonWorkingHours('2026-12-16', [MOSCOW, KARAGANDA], 'Europe/Moscow')).toBeNull();
  });
});

describe('dayMarks', () => {
  it("when 16 December is Kazakhstan's Independence Day, then only Kazakhstan is marked, with the holiday's name", () => {
    const marks = dayMarks('2026-12-16', [MOSCOW, KARAGANDA]);
    expect(marks.map((m) => [m.country, m.kind])).toEqual([['KZ', 'holiday']]);
    expect(marks[0]?.name?.ru).toMatch(/Независимости/);
  });

  it('when it is a Saturday, then both countries are marked', () => {
    expect(dayMarks('2026-12-05', [MOSCOW, KARAGANDA]).map((m) => m.country)).toEqual(['RU', 'KZ']);
  });

  it('when the same country appears twice, then it is marked once', () => {
    expect(dayMarks('2026-12-05', [MOSCOW, createInstitution({ id: 'x' })]).map((m) => m.country)).toEqual([
      'RU',
    ]);
  });
});

describe('hourOnClock', () => {
  it("when it is 10:00 in Moscow, then the partner's column reads 12:00 in Karaganda", () => {
    expect(hourOnClock('2026-12-02', 10, 'Europe/Moscow', 'Asia/Almaty')).toBe('12:00');
  });
});

describe('gridHours', () => {
  const at = (start: string, end: string) => ({ start, end });
  it('when the week holds only daytime lessons, then the grid spans 07:00–21:00', () => {
    expect(gridHours([at('2026-12-02T07:00:00Z', '2026-12-02T08:30:00Z')], 'Europe/Moscow')).toEqual({
      first: 7,
      last: 21,
    });
  });
  it('when a lesson runs 20:25–21:55 Moscow, then the grid ends at 22:00 so its card is whole', () => {
    expect(gridHours([at('2026-12-02T17:25:00Z', '2026-12-02T18:55:00Z')], 'Europe/Moscow').last).toBe(22);
  });
  it('when an evening event in Moscow is read in Karaganda, then the grid reaches its late end there', () => {
    // 19:30–21:30 Moscow is 21:30–23:30 in Karaganda (UTC+5).
    expect(gridHours([at('2026-12-02T16:30:00Z', '2026-12-02T18:30:00Z')], 'Asia/Almaty')).toEqual({
      first: 7,
      last: 24,
    });
  });
  it('when an activity starts at 06:15 or runs past midnight, then the grid starts at 06:00 and ends at 24:00', () => {
    const span = gridHours(
      [
        at('2026-12-02T03:15:00Z', '2026-12-02T04:00:00Z'),
        at('2026-12-03T20:00:00Z', '2026-12-03T22:00:00Z'),
      ],
      'Europe/Moscow',
    );
    expect(span).toEqual({ first: 6, last: 24 });
  });
});

describe('eventsRange', () => {
  it('when the calendar asks for the plain week, then it is the address the first-reads script asked for before the app ran', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ items: [], total: 0 }), { status: 200 });
    });
    try {
      await listEvents(eventsRange('2026-11-30', 7));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(asked).toEqual([calendarRead('2026-11-30')]);
    expect(mondayOf(new Date(2026, 11, 6, 23, 0))).toBe('2026-11-30');
    expect(mondayOf(new Date(2026, 11, 7, 0, 30))).toBe('2026-12-07');
  });
});
