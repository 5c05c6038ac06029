import { z } from 'zod';
import { ZIdSchema, ZLocalizedTextSchema, ZTimeOfDaySchema } from './common.ts';

export const ZCountrySchema = z.enum(['RU', 'KZ']).or(z.string().regex(/^[A-Z]{2}$/));

/** Weekly working hours in the institution's own zone. Weekdays are ISO (Monday = 1). */
export const ZWorkingHoursSchema = z.strictObject({
  start: ZTimeOfDaySchema,
  end: ZTimeOfDaySchema,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
});
export type TWorkingHours = z.infer<typeof ZWorkingHoursSchema>;

export const ZLessonPeriodSchema = z.strictObject({ start: ZTimeOfDaySchema, end: ZTimeOfDaySchema });
export type TLessonPeriod = z.infer<typeof ZLessonPeriodSchema>;

export const ZInstitutionSchema = z.object({
  id: ZIdSchema,
  code: z.string(),
  name: ZLocalizedTextSchema,
  city: ZLocalizedTextSchema,
  country: z.string(),
  timeZone: z.string(),
  workingHours: ZWorkingHoursSchema,
  lessonPeriods: z.array(ZLessonPeriodSchema),
});
export type TInstitution = z.infer<typeof ZInstitutionSchema>;
