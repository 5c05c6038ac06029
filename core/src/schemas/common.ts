import { z } from 'zod';

/** UI and notification languages: Russian (default), Kazakh, English. */
export const LOCALES = ['ru', 'kk', 'en'] as const;
export const ZLocaleSchema = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocaleSchema>;

/** A text in every supported language. */
export const ZLocalizedTextSchema = z.strictObject({
  ru: z.string().min(1).max(300),
  kk: z.string().min(1).max(300),
  en: z.string().min(1).max(300),
});
export type TLocalizedText = z.infer<typeof ZLocalizedTextSchema>;

export const ZIdSchema = z.uuid();

/** Wall-clock time of day, 24 h, `HH:mm`. */
export const ZTimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

/** Calendar date `yyyy-MM-dd`. */
export const ZDateSchema = z.iso.date();

/** ISO 8601 instant with an offset or Z. */
export const ZInstantSchema = z.iso.datetime({ offset: true });

export const ZPaginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
