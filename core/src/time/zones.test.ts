import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatBothTimes, isValidZone, localToUtc, localView } from './zones.ts';

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

const toUtc = (local: string, zone: string) => {
  const r = localToUtc(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r.utc;
};

describe('time zones', () => {
  it('when it is 10:00 in Moscow on dates from 2025 on, then it is 12:00 in Karaganda (Asia/Almaty)', () => {
    for (const date of ['2025-02-10', '2025-09-01', '2026-06-15', '2027-02-10', '2027-11-30']) {
      const utc = toUtc(`${date}T10:00`, 'Europe/Moscow');
      expect(localView(utc, 'Asia/Almaty').time).toBe('12:00');
      expect(localView(utc, 'Asia/Almaty').offset).toBe('+05:00');
    }
  });

  it('when it is 10:00 in Moscow on 2024-01-15, then it was 13:00 in Karaganda (UTC+6 before March 2024)', () => {
    const utc = toUtc('2024-01-15T10:00', 'Europe/Moscow');
    expect(localView(utc, 'Asia/Almaty')).toMatchObject({ time: '13:00', offset: '+06:00' });
    expect(
      formatBothTimes(utc, [
        { zone: 'Europe/Moscow', label: 'Москва' },
        { zone: 'Asia/Almaty', label: 'Караганда' },
      ]),
    ).toBe('10:00 Москва / 13:00 Караганда');
  });

  it('when a zone is made up or a fixed offset, then it is refused', () => {
    expect(isValidZone('Asia/Karaganda')).toBe(false);
    expect(isValidZone('UTC+5')).toBe(false);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('Asia/Almaty')).toBe(true);
    expect(localToUtc('2027-01-01T10:00', 'Asia/Karaganda')).toMatchObject({
      ok: false,
      code: 'invalid_zone',
    });
  });

  it('when a local time falls in a daylight-saving gap, then it is nonexistent', () => {
    expect(localToUtc('2027-03-14T02:30', 'America/New_York')).toMatchObject({
      ok: false,
      code: 'nonexistent_local_time',
    });
    expect(localToUtc('2027-03-28T02:30', 'Europe/Berlin')).toMatchObject({
      ok: false,
      code: 'nonexistent_local_time',
    });
  });

  it('when a local time is repeated (clocks go back), then the earlier instant wins', () => {
    const r = localToUtc('2027-11-07T01:30', 'America/New_York');
    expect(r).toEqual({ ok: true, utc: '2027-11-07T05:30:00.000Z', resolvedAmbiguity: 'earlier' });
    expect(localToUtc('2027-10-31T02:30', 'Europe/Berlin')).toMatchObject({
      ok: true,
      utc: '2027-10-31T00:30:00.000Z',
    });
  });

  it('when the text is not a valid local time, then it is refused', () => {
    expect(localToUtc('2027-02-30T10:00', 'Europe/Moscow')).toMatchObject({
      ok: false,
      code: 'invalid_local_time',
    });
    expect(localToUtc('10:00', 'Europe/Moscow')).toMatchObject({ ok: false, code: 'invalid_local_time' });
  });

  it('property: local → UTC → local round-trips for real zones and dates, except times in a gap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2035-12-31T23:59:00Z'),
          noInvalidDate: true,
        }),
        (zone, d) => {
          const local = DateTime.fromJSDate(d, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm");
          const r = localToUtc(local, zone);
          if (!r.ok) {
            expect(r.code).toBe('nonexistent_local_time');
            // A gap really is a gap: luxon's own reading of that wall time lands elsewhere.
            const lx = DateTime.fromISO(local, { zone });
            expect(lx.toFormat("yyyy-MM-dd'T'HH:mm")).not.toBe(local);
            return;
          }
          expect(localView(r.utc, zone).local.slice(0, 16)).toBe(local);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: an instant read in a zone and converted back is the same instant, or an hour-repeat twin', () => {
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
});
