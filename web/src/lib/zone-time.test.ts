import { describe, expect, it } from 'vitest';
import { convertLocalInput, readLocalInput, toLocalInput } from './zone-time.ts';

describe('zone conversion between the two sides', () => {
  it('when 10:00 is typed on the Moscow clock in 2027, then Karaganda shows 12:00 the same day', () => {
    expect(convertLocalInput('2027-02-10T10:00', 'Europe/Moscow', 'Asia/Almaty')).toBe('2027-02-10T12:00');
  });

  it('when 12:00 is typed on the Karaganda clock, then Moscow shows 10:00', () => {
    expect(convertLocalInput('2027-02-10T12:00', 'Asia/Almaty', 'Europe/Moscow')).toBe('2027-02-10T10:00');
  });

  it('when the date is 2024-01-15 (Karaganda still UTC+6), then 10:00 Moscow is 13:00 Karaganda', () => {
    expect(convertLocalInput('2024-01-15T10:00', 'Europe/Moscow', 'Asia/Almaty')).toBe('2024-01-15T13:00');
  });

  it('when a late Moscow time is typed, then Karaganda shows the next date', () => {
    expect(convertLocalInput('2027-02-10T23:30', 'Europe/Moscow', 'Asia/Almaty')).toBe('2027-02-11T01:30');
  });

  it('when a time inside a daylight-saving gap is typed, then it is refused instead of shifted', () => {
    const r = readLocalInput('2027-03-14T02:30', 'America/New_York');
    expect(r).toMatchObject({ ok: false, reason: 'nonexistent' });
    expect(convertLocalInput('2027-03-14T02:30', 'America/New_York', 'Europe/Moscow')).toBeNull();
  });

  it('when the input is empty or incomplete, then nothing is converted', () => {
    expect(readLocalInput('', 'Europe/Moscow')).toMatchObject({ ok: false, reason: 'empty' });
    expect(readLocalInput('2027-02-10', 'Europe/Moscow')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('when an instant is shown on a clock, then the input value is that clock’s wall time', () => {
    expect(toLocalInput('2027-02-10T07:00:00.000Z', 'Asia/Almaty')).toBe('2027-02-10T12:00');
  });
});
