import { z } from 'zod';
import { ZDateSchema, ZIdSchema, ZInstantSchema, ZTextSchema, ZTimeOfDaySchema } from './common.ts';

/** One session of an internship day: what is done, for how many academic hours. */
export const ZInternshipSessionSchema = z.strictObject({
  title: ZTextSchema.trim().min(1).max(200),
  /** Hours the session counts for (0.5 steps are usual; at most a working day). */
  hours: z.number().gt(0).max(12),
  /** Start on the host college's clock, if fixed. */
  start: ZTimeOfDaySchema.optional(),
});

/** One day of the programme. */
export const ZInternshipDayInputSchema = z.strictObject({
  date: ZDateSchema,
  title: ZTextSchema.trim().min(1).max(200),
  sessions: z.array(ZInternshipSessionSchema).min(1).max(20),
});

/**
 * `PUT /api/events/:id/internship`: the host college (one of the event's colleges), its mentors
 * (teachers or coordinators of the host college) and the programme of days. Days a mentor has
 * confirmed cannot be dropped or changed.
 */
export const ZInternshipSetupSchema = z
  .strictObject({
    hostInstitutionId: ZIdSchema,
    mentorIds: z.array(ZIdSchema).min(1).max(20),
    days: z.array(ZInternshipDayInputSchema).min(1).max(60),
  })
  .refine((s) => new Set(s.days.map((d) => d.date)).size === s.days.length, {
    message: 'one entry per date',
    path: ['days'],
  });
export type TInternshipSetup = z.infer<typeof ZInternshipSetupSchema>;

/** `POST /api/events/:id/internship/days/:dayId/confirm`: interns who were not there that day. */
export const ZConfirmInternshipDaySchema = z.strictObject({
  absentIds: z.array(ZIdSchema).max(200).default([]),
});

const ZPerson = z.object({ id: ZIdSchema, name: z.string(), institutionId: ZIdSchema.nullable() });

export const ZInternshipDaySchema = z.object({
  id: ZIdSchema,
  date: ZDateSchema,
  title: z.string(),
  sessions: z.array(z.object({ title: z.string(), hours: z.number(), start: z.string().optional() })),
  /** The day's hours: the sum of its sessions. */
  hours: z.number(),
  confirmedAt: ZInstantSchema.nullable(),
  confirmedBy: ZPerson.nullable(),
  absentIds: z.array(ZIdSchema),
});

/** `GET /api/events/:id/internship`. */
export const ZInternshipSchema = z.object({
  eventId: ZIdSchema,
  hostInstitutionId: ZIdSchema,
  mentors: z.array(ZPerson),
  /** The event's teachers from the other college(s). */
  interns: z.array(ZPerson.extend({ confirmedHours: z.number() })),
  days: z.array(ZInternshipDaySchema),
  plannedHours: z.number(),
  /** Hours of the days a mentor has confirmed. */
  confirmedHours: z.number(),
  /** Whether the viewer is a mentor of the host college (may confirm days). */
  canConfirm: z.boolean(),
});
export type TInternship = z.infer<typeof ZInternshipSchema>;
