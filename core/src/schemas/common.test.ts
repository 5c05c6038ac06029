import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsafeTextReason, ZDateSchema, ZInstantSchema, ZTextSchema } from './common.ts';

describe('text PostgreSQL can store', () => {
  it('when a string holds a NUL or an unpaired surrogate, then it is refused, and any other string is kept', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800']) {
      expect(unsafeTextReason(bad), JSON.stringify(bad)).not.toBeNull();
      expect(ZTextSchema.safeParse(bad).success).toBe(false);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const ok = !s.includes('\u0000');
        expect(ZTextSchema.safeParse(s).success).toBe(ok);
      }),
    );
    expect(ZTextSchema.trim().min(1).safeParse('  😀 урок ').data).toBe('😀 урок');
  });
});

describe('sane dates', () => {
  it('when an instant or a date lies outside 1900–2200, then it is refused without throwing', () => {
    for (const bad of [
      '9999-12-31T23:59:59Z',
      '1899-12-31T23:59:59Z',
      '2200-12-31T23:00:00-05:00',
      '2027-13-01T10:00',
    ]) {
      expect(ZInstantSchema.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ['1900-01-01T00:00:00Z', '2027-02-10T07:00:00Z', '2200-12-31T23:59:59+03:00']) {
      expect(ZInstantSchema.safeParse(good).success, good).toBe(true);
    }
    expect(ZDateSchema.safeParse('9999-12-31').success).toBe(false);
    expect(ZDateSchema.safeParse('2027-06-30').success).toBe(true);
  });
});
