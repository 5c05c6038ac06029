import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatBothRanges, formatBothTimes, isValidZone, localToUtc, localView } from './zones.ts';

const ZONES = [
  'Europe/Moscow',
  'Asia/Almaty',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Europe/London',
  'America/Santiago',
  'Africa/Casablanca',
  'Asia/Tehran',
  'Pacific/Apia',
  'UTC',
];

const DST_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'Europe/London',
  'Europe/Moscow',
  'Asia/Almaty',
];

type TChange = { at: number; before: number; after: number };
const changesSeen = new Map<string, TChange[]>();

/** Offset changes of a zone in a year, found with luxon alone (daily scan, then bisection to the minute). */
function transitionsOf(zone: string, year: number): TChange[] {
  const key = `${zone} ${year}`;
  const seen = changesSeen.get(key);
  if (seen) return seen;
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const out: TChange[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const a = offsetAt(t);
    const b = offsetAt(t + 86_400_000);
    if (a === b) continue;
    let lo = t;
    let hi = t + 86_400_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid) === a) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before: a, after: b });
  }
  changesSeen.set(key, out);
  return out;
}

const toUtc = (local: string, zone: string) => {
  const r = localToUtc(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r.utc;
};

const MSK_KRG = [
  { zone: 'Europe/Moscow', label: 'Москва' },
  { zone: 'Asia/Almaty', label: 'Караганда' },
];

describe('isValidZone', () => {
  it('when a zone is made up or a fixed offset, then it is refused', () => {
    for (const zone of ['Asia/Karaganda', 'UTC+5', '+05:00', 'Etc/GMT-5', 'Mars/Olympus', '', 'Europe/']) {
      expect(isValidZone(zone)).toBe(false);
    }
    expect(localToUtc('2027-01-01T10:00', 'Asia/Karaganda')).toMatchObject({
      ok: false,
      code: 'invalid_zone',
      message: expect.stringContaining('Asia/Almaty'),
    });
  });

  it('when a zone is a geographic IANA name or UTC, then it is accepted', () => {
    for (const zone of [...ZONES, 'Etc/UTC', 'America/Argentina/Buenos_Aires', 'Asia/Qostanay']) {
      expect(isValidZone(zone)).toBe(true);
    }
  });

  it('when a zone is a legacy alias or wrongly cased, then it is refused', () => {
    for (const zone of ['europe/moscow', 'ASIA/ALMATY', 'US/Eastern', 'EST', 'GMT'])
      expect(isValidZone(zone)).toBe(false);
  });
});

describe('localToUtc and localView', () => {
  it('when it is 10:00 in Moscow on dates from 2025 on, then it is 12:00 in Karaganda (Asia/Almaty)', () => {
    for (const date of ['2025-02-10', '2025-09-01', '2026-06-15', '2027-02-10', '2027-11-30']) {
      const utc = toUtc(`${date}T10:00`, 'Europe/Moscow');
      expect(localView(utc, 'Asia/Almaty')).toMatchObject({ time: '12:00', offset: '+05:00', date });
      expect(formatBothTimes(utc, MSK_KRG)).toBe('10:00 Москва / 12:00 Караганда');
    }
  });

  it('when a lesson runs 22:30–00:00 in Moscow, then its range reads on both clocks with the next day marked', () => {
    const start = toUtc('2027-02-10T22:30', 'Europe/Moscow');
    const end = toUtc('2027-02-11T00:00', 'Europe/Moscow');
    expect(formatBothRanges(start, end, MSK_KRG)).toBe('22:30–00:00 Москва / 00:30–02:00 (+1) Караганда');
  });

  it('when it is 10:00 in Moscow on 2024-01-15, then it was 13:00 in Karaganda (UTC+6 before March 2024)', () => {
    const utc = toUtc('2024-01-15T10:00', 'Europe/Moscow');
    expect(localView(utc, 'Asia/Almaty')).toMatchObject({
      time: '13:00',
      offset: '+06:00',
      offsetMinutes: 360,
    });
    expect(formatBothTimes(utc, MSK_KRG)).toBe('10:00 Москва / 13:00 Караганда');
  });

  it('when Karaganda moved to UTC+5 on 2024-03-01, then 10:00 Moscow reads 13:00 the day before and 12:00 that day', () => {
    expect(localView(toUtc('2024-02-29T10:00', 'Europe/Moscow'), 'Asia/Almaty').time).toBe('13:00');
    expect(localView(toUtc('2024-03-01T10:00', 'Europe/Moscow'), 'Asia/Almaty').time).toBe('12:00');
  });

  it('when an instant is viewed in a zone, then every field reads that local clock', () => {
    expect(localView('2025-02-10T07:00:00Z', 'Asia/Almaty', 'kk')).toEqual({
      zone: 'Asia/Almaty',
      local: '2025-02-10T12:00:00+05:00',
      offset: '+05:00',
      offsetMinutes: 300,
      date: '2025-02-10',
      time: '12:00',
      weekday: 1,
      weekdayName: 'дүйсенбі',
    });
    expect(localView(new Date('2025-02-09T22:30:00Z'), 'Europe/Moscow').weekdayName).toBe('понедельник');
    expect(localView('2025-02-10T07:00:00+03:00', 'America/New_York', 'en')).toMatchObject({
      local: '2025-02-09T23:00:00-05:00',
      offset: '-05:00',
      weekday: 7,
      weekdayName: 'Sunday',
    });
    expect(localView('2026-01-10T12:00:00Z', 'Asia/Kathmandu')).toMatchObject({
      offset: '+05:45',
      time: '17:45',
    });
  });

  it('when an instant has no offset or the zone is invalid, then localView throws', () => {
    expect(() => localView('2025-02-10T07:00', 'Europe/Moscow')).toThrow(RangeError);
    expect(() => localView('yesterday', 'Europe/Moscow')).toThrow(RangeError);
    expect(() => localView('2025-02-10T07:00:00Z', 'Asia/Karaganda')).toThrow(RangeError);
  });

  it('when sides fall on different local dates, then the other clock carries a day marker', () => {
    expect(formatBothTimes('2025-02-10T20:30:00Z', MSK_KRG)).toBe('23:30 Москва / 01:30 (+1) Караганда');
    expect(formatBothTimes('2025-02-10T20:30:00Z', [...MSK_KRG].reverse(), ' | ')).toBe(
      '01:30 Караганда | 23:30 (−1) Москва',
    );
  });

  it('when a local time falls in a daylight-saving gap, then it is nonexistent', () => {
    for (const [local, zone] of [
      ['2027-03-14T02:30', 'America/New_York'],
      ['2027-03-28T02:30', 'Europe/Berlin'],
      ['2026-10-04T02:15', 'Australia/Lord_Howe'],
    ] as const) {
      expect(localToUtc(local, zone)).toMatchObject({ ok: false, code: 'nonexistent_local_time' });
    }
  });

  it('when a local time is repeated (clocks go back), then the earlier instant wins', () => {
    expect(localToUtc('2027-11-07T01:30', 'America/New_York')).toEqual({
      ok: true,
      utc: '2027-11-07T05:30:00.000Z',
      resolvedAmbiguity: 'earlier',
    });
    expect(localToUtc('2027-10-31T02:30', 'Europe/Berlin')).toEqual({
      ok: true,
      utc: '2027-10-31T00:30:00.000Z',
      resolvedAmbiguity: 'earlier',
    });
    // Lord Howe turns clocks back half an hour, from +11:00 to +10:30, at 02:00 on the first Sunday of April.
    expect(localToUtc('2026-04-05T01:45', 'Australia/Lord_Howe')).toEqual({
      ok: true,
      utc: '2026-04-04T14:45:00.000Z',
      resolvedAmbiguity: 'earlier',
    });
  });

  it('when a local time occurs once, then no ambiguity is reported', () => {
    expect(localToUtc('2027-02-10T10:00', 'Europe/Moscow')).toEqual({
      ok: true,
      utc: '2027-02-10T07:00:00.000Z',
    });
    expect(localToUtc('2028-02-29T10:00:30', 'Asia/Almaty')).toEqual({
      ok: true,
      utc: '2028-02-29T05:00:30.000Z',
    });
  });

  it('when the text is not a valid local time, then it is refused', () => {
    for (const bad of [
      '2027-02-30T10:00',
      '10:00',
      '2027-02-10T24:00',
      '2027-02-10T10:60',
      '2027-02-10 10:00',
      '2027-02-10T10:00Z',
      '2027-02-10T10:00:00.000',
    ]) {
      expect(localToUtc(bad, 'Europe/Moscow')).toMatchObject({ ok: false, code: 'invalid_local_time' });
    }
  });

  it('property: local → UTC → local round-trips for real zones and dates 1990–2035, except times in a gap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2035, 11, 31, 23, 59) / 60_000 }),
        (zone, minutes) => {
          const local = new Date(minutes * 60_000).toISOString().slice(0, 16);
          const r = localToUtc(local, zone);
          if (!r.ok) {
            expect(r.code).toBe('nonexistent_local_time');
            // A gap really is a gap: luxon's own reading of that wall time lands elsewhere.
            expect(DateTime.fromISO(local, { zone }).toFormat("yyyy-MM-dd'T'HH:mm")).not.toBe(local);
            return;
          }
          expect(localView(r.utc, zone).local.slice(0, 16)).toBe(local);
          expect(DateTime.fromISO(r.utc).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(local);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: an instant read in a zone and converted back is the same instant, or its earlier twin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2035, 11, 31) / 60_000 }),
        (zone, minutes) => {
          const utc = new Date(minutes * 60_000).toISOString();
          const r = localToUtc(localView(utc, zone).local.slice(0, 16), zone);
          expect(r.ok).toBe(true);
          if (r.ok && r.utc !== utc) {
            expect(r.resolvedAmbiguity).toBe('earlier');
            expect(Date.parse(r.utc)).toBeLessThan(Date.parse(utc));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: near every offset change, localToUtc agrees with a brute-force scan (gap → nonexistent, overlap → earliest)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_ZONES),
        fc.integer({ min: 1990, max: 2035 }),
        fc.nat(),
        fc.integer({ min: -150, max: 150 }),
        (zone, year, pick, deltaMinutes) => {
          const changes = transitionsOf(zone, year);
          fc.pre(changes.length > 0);
          const change = changes[pick % changes.length]!;
          // A wall reading around the change, as the clocks just before it would show it.
          const local = new Date(change.at + (change.before + deltaMinutes) * 60_000)
            .toISOString()
            .slice(0, 16);
          const matches: number[] = [];
          for (let t = change.at - 6 * 3_600_000; t <= change.at + 6 * 3_600_000; t += 60_000) {
            if (DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") === local) matches.push(t);
          }
          const r = localToUtc(local, zone);
          if (matches.length === 0) expect(r).toMatchObject({ ok: false, code: 'nonexistent_local_time' });
          else if (matches.length === 1)
            expect(r).toEqual({ ok: true, utc: new Date(matches[0]!).toISOString() });
          else {
            expect(r).toEqual({
              ok: true,
              utc: new Date(Math.min(...matches)).toISOString(),
              resolvedAmbiguity: 'earlier',
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
