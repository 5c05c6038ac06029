import { z } from 'zod';
import { ZDateSchema, ZIdSchema, ZInstantSchema, ZLocalizedTextSchema } from './common.ts';

/** Kinds of joint activity named in the cooperation agreement's plan of activities. */
export const EVENT_KINDS = [
  'joint_lesson',
  'industrial_practice',
  'cultural_event',
  'internship',
  'masterclass',
  'conference',
  'olympiad',
] as const;
export const ZEventKindSchema = z.enum(EVENT_KINDS);
export type TEventKind = z.infer<typeof ZEventKindSchema>;

/** What a page open to people without an account shows of an activity: title, kind and times. */
export const ZPublicEventFields = {
  title: z.string(),
  kind: ZEventKindSchema,
  start: ZInstantSchema,
  end: ZInstantSchema,
};
/** A college as such a page shows it: name and city, and its zone for the clocks. */
export const ZPublicSideSchema = z.object({
  name: ZLocalizedTextSchema,
  city: ZLocalizedTextSchema,
  timeZone: z.string(),
});

export const ZPlanItemSchema = z.object({
  id: ZIdSchema,
  kind: ZEventKindSchema,
  title: ZLocalizedTextSchema,
  targetCount: z.number().int(),
});

export const ZPartnershipSchema = z.object({
  id: ZIdSchema,
  number: z.string(),
  title: ZLocalizedTextSchema,
  signedOn: ZDateSchema,
  validFrom: ZDateSchema,
  validTo: ZDateSchema.nullable(),
  institutionIds: z.array(ZIdSchema),
  planItems: z.array(ZPlanItemSchema),
});
export type TPartnership = z.infer<typeof ZPartnershipSchema>;

export const ZGroupSchema = z.object({
  id: ZIdSchema,
  institutionId: ZIdSchema,
  name: z.string(),
  size: z.number().int(),
});
export type TGroup = z.infer<typeof ZGroupSchema>;
