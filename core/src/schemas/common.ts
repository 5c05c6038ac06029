import { z } from 'zod';

/** UI and notification languages: Russian (default), Kazakh, English. */
export const LOCALES = ['ru', 'kk', 'en'] as const;
export const ZLocaleSchema = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocaleSchema>;

/**
 * Why a string cannot be stored as PostgreSQL text (or inside jsonb), or null when it can: a NUL
 * character (SQLSTATE 22021 in text, 22P05 in jsonb) or an unpaired UTF-16 surrogate (22P05 in
 * jsonb; in text it would silently turn into U+FFFD).
 */
export function unsafeTextReason(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (!value.isWellFormed()) return 'must not contain unpaired surrogates (malformed Unicode)';
  return null;
}

/**
 * Every free text a request carries (titles, names, notes, reasons, passwords, …): a string that
 * PostgreSQL can store as it is. Chain `.trim()`, `.min()`, `.max()` on it like on `z.string()`.
 */
export const ZTextSchema = z.string().check((ctx) => {
  const reason = unsafeTextReason(ctx.value);
  if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
});

/** A text in every supported language. */
export const ZLocalizedTextSchema = z.strictObject({
  ru: ZTextSchema.min(1).max(300),
  kk: ZTextSchema.min(1).max(300),
  en: ZTextSchema.min(1).max(300),
});
export type TLocalizedText = z.infer<typeof ZLocalizedTextSchema>;

export const ZIdSchema = z.uuid();

/** Wall-clock time of day, 24 h, `HH:mm`. */
export const ZTimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

/**
 * The years a date or time may fall in. Nothing the colleges plan lies outside them, and the
 * production calendars, the time-zone rules and PostgreSQL all handle them.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
const yearRangeMessage = `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;

/** Whether the `yyyy…` year at the start of an ISO date or date-time is within the sane range. */
export function isSaneYear(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Calendar date `yyyy-MM-dd`, years 1900–2200. */
export const ZDateSchema = z.iso.date().refine(isSaneYear, yearRangeMessage);

/** ISO 8601 instant with an offset or Z, years 1900–2200. */
export const ZInstantSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const time = Date.parse(s);
  // Not an instant at all: the format check above says so (zod runs every check).
  if (Number.isNaN(time)) return true;
  const utcYear = new Date(time).getUTCFullYear();
  return isSaneYear(s) && utcYear >= MIN_YEAR && utcYear <= MAX_YEAR;
}, yearRangeMessage);

export const ZPaginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
