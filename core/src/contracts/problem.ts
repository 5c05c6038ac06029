import { z } from 'zod';
import { ZLocalizedTextSchema } from '../schemas/common.ts';

/** One field at fault. */
export const ZFieldErrorSchema = z.looseObject({
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type TFieldError = z.infer<typeof ZFieldErrorSchema>;

/** One overlapping booking named by a 409 `booking_conflict`. */
export const ZConflictSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
});
export type TConflict = z.infer<typeof ZConflictSchema>;

/** One side's reason to refuse a time, from a 422 `calendar_violation`. */
export const ZViolationSchema = z.object({
  institutionId: z.string(),
  country: z.string(),
  date: z.string(),
  reason: z.enum(['holiday', 'day_off', 'not_a_working_weekday', 'outside_working_hours']),
  holidayName: ZLocalizedTextSchema.optional(),
  localStart: z.string().optional(),
  localEnd: z.string().optional(),
});
export type TProblemViolation = z.infer<typeof ZViolationSchema>;

/** An occurrence of a series left out (a day off on either side). */
export const ZSkippedSchema = z.object({ localDate: z.string(), reason: z.string() });

/**
 * The api's RFC 9457 problem document (`application/problem+json`) with its extra members: the
 * api writes it, the web parses it (never casts). Unknown members pass through.
 */
export const ZProblemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ZFieldErrorSchema).optional(),
  /** `booking_conflict`: the bookings in the way. */
  conflicts: z.array(ZConflictSchema).optional(),
  /** `calendar_violation`: each side's reason. */
  violations: z.array(ZViolationSchema).optional(),
  /** A series whose every occurrence fell on a day off. */
  skipped: z.array(ZSkippedSchema).optional(),
  /** `not_yet_open`: when joining opens. */
  opensAt: z.string().optional(),
  /** `lesson_ended`: when a host ended the lesson. */
  endedAt: z.string().optional(),
  /** `rate_limited`: seconds until the next try. */
  retryAfterSeconds: z.number().optional(),
  /** Ending a lesson too early: when its room is due. */
  roomDueAt: z.string().optional(),
  /** `invitation_revoked`: when a host revoked the link. */
  revokedAt: z.string().optional(),
  /** `invitation_expired`: when the link expired. */
  expiresAt: z.string().optional(),
  /** `invitation_used_up`: how many people the link was for. */
  maxUses: z.number().optional(),
});
export type TProblemDocument = z.infer<typeof ZProblemSchema>;
