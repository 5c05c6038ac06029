import { z } from 'zod';
import {
  isSaneYear,
  ZDateSchema,
  ZIdSchema,
  ZInstantSchema,
  ZLocalizedTextSchema,
  ZTextSchema,
} from './common.ts';
import { ZEventKindSchema } from './partnership.ts';

export const EVENT_STATUSES = ['proposed', 'confirmed', 'declined', 'cancelled'] as const;
export const ZEventStatusSchema = z.enum(EVENT_STATUSES);
export type TEventStatus = z.infer<typeof ZEventStatusSchema>;

export const ZDecisionSchema = z.enum(['pending', 'confirmed', 'declined']);
export const ZRoomStatusSchema = z.enum(['none', 'creating', 'open', 'closed', 'failed']);

/** Wall-clock local time `yyyy-MM-ddTHH:mm` (seconds optional), no offset. */
export const ZLocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'expected a local time like 2027-02-10T10:00')
  .refine(isSaneYear, 'must be between the years 1900 and 2200');

export const ZRecurrenceRequestSchema = z
  .strictObject({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((a) => new Set(a).size === a.length, 'weekdays must be distinct'),
    count: z.number().int().min(1).max(200).optional(),
    until: ZDateSchema.optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), {
    message: 'give exactly one of count or until',
    path: ['count'],
  });

const ZReminderOffsetsSchema = z
  .array(
    z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
  )
  .max(5)
  .refine((a) => new Set(a).size === a.length, 'offsets must be distinct');

const ZIdListSchema = z
  .array(ZIdSchema)
  .max(50)
  .refine((a) => new Set(a).size === a.length, 'ids must be distinct');

/** POST /api/events. The start is either an instant or a wall-clock time in a named zone. */
export const ZCreateEventRequestSchema = z
  .strictObject({
    partnershipId: ZIdSchema,
    kind: ZEventKindSchema,
    title: ZTextSchema.trim().min(1).max(200),
    description: ZTextSchema.max(5000).optional(),
    start: ZInstantSchema.optional(),
    localStart: ZLocalDateTimeSchema.optional(),
    timeZone: ZTextSchema.max(64).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(8 * 60),
    groupIds: ZIdListSchema.default([]),
    teacherIds: ZIdListSchema.default([]),
    roomIds: ZIdListSchema.default([]),
    institutionIds: ZIdListSchema.default([]),
    recurrence: ZRecurrenceRequestSchema.optional(),
    reminderOffsetsMinutes: ZReminderOffsetsSchema.optional(),
    overrideCalendar: z.boolean().default(false),
    overrideNote: ZTextSchema.max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.start === undefined && b.localStart === undefined) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'give start, or localStart with timeZone' });
    }
    if (b.start !== undefined && b.localStart !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['localStart'],
        message: 'give either start or localStart, not both',
      });
    }
    if (b.localStart !== undefined && b.timeZone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'localStart needs timeZone' });
    }
  });
export type TCreateEventRequest = z.infer<typeof ZCreateEventRequestSchema>;

export const ZUpdateEventRequestSchema = z
  .strictObject({
    start: ZInstantSchema.optional(),
    localStart: ZLocalDateTimeSchema.optional(),
    timeZone: ZTextSchema.max(64).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(8 * 60)
      .optional(),
    title: ZTextSchema.trim().min(1).max(200).optional(),
    description: ZTextSchema.max(5000).optional(),
    scope: z.enum(['this', 'following']).default('this'),
    overrideCalendar: z.boolean().default(false),
    overrideNote: ZTextSchema.max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.start !== undefined && b.localStart !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['localStart'],
        message: 'give either start or localStart, not both',
      });
    }
    if (b.localStart !== undefined && b.timeZone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'localStart needs timeZone' });
    }
    // A zone alone would change nothing: the event keeps its own zone, so say so instead.
    if (b.timeZone !== undefined && b.localStart === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'timeZone is only read with localStart' });
    }
  });
export type TUpdateEventRequest = z.infer<typeof ZUpdateEventRequestSchema>;

export const ZDecisionRequestSchema = z.strictObject({
  institutionId: ZIdSchema.optional(),
  /**
   * With a confirmation: later changes of time that keep to this college's working calendar stay
   * confirmed for it instead of asking again. Not allowed with a decline.
   */
  preApproveReschedule: z.boolean().optional(),
});
export const ZCancelRequestSchema = z.strictObject({
  scope: z.enum(['this', 'following']).default('this'),
  reason: ZTextSchema.max(500).optional(),
});

/** A range's start, when both ends are given, is not after its end (instants or dates). */
export function fromNotAfterTo(q: { from?: string; to?: string }): boolean {
  return q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to);
}

export const ZListEventsQuerySchema = z
  .strictObject({
    from: ZInstantSchema.optional(),
    to: ZInstantSchema.optional(),
    institutionId: ZIdSchema.optional(),
    groupId: ZIdSchema.optional(),
    kind: ZEventKindSchema.optional(),
    status: ZEventStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine(fromNotAfterTo, { message: 'must not be before from', path: ['to'] });

const ZCsvIdsSchema = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(ZIdListSchema);

export const ZAvailabilityQuerySchema = z
  .strictObject({
    partnershipId: ZIdSchema,
    groupIds: ZCsvIdsSchema.default([]),
    teacherIds: ZCsvIdsSchema.default([]),
    institutionIds: ZCsvIdsSchema.default([]),
    durationMinutes: z.coerce.number().int().min(15).max(480),
    from: ZInstantSchema,
    to: ZInstantSchema,
    bufferMinutes: z.coerce.number().int().min(0).max(120).default(10),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  // A malformed end is named by its own check; an empty or backwards range is named here.
  .refine((q) => !(Date.parse(q.from) >= Date.parse(q.to)), {
    message: 'must be after from',
    path: ['to'],
  });

const ZLocalTimesSchema = z.object({
  timeZone: z.string(),
  localStart: z.string(),
  localEnd: z.string(),
  offset: z.string(),
});

export const ZEventViewSchema = z.object({
  id: ZIdSchema,
  partnershipId: ZIdSchema,
  kind: ZEventKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  status: ZEventStatusSchema,
  start: z.string(),
  end: z.string(),
  durationMinutes: z.number(),
  version: z.number(),
  seriesId: z.string().nullable(),
  seriesIndex: z.number().nullable(),
  calendarOverride: z.boolean(),
  overrideNote: z.string().nullable(),
  organizer: z.object({ id: z.string(), name: z.string(), institutionId: z.string() }),
  institutions: z.array(
    ZLocalTimesSchema.extend({
      id: z.string(),
      code: z.string(),
      name: ZLocalizedTextSchema,
      city: ZLocalizedTextSchema,
      decision: ZDecisionSchema,
      /** The side accepts reschedules within its working calendar without confirming again. */
      reschedulePreApproved: z.boolean(),
    }),
  ),
  requester: ZLocalTimesSchema,
  groups: z.array(z.object({ id: z.string(), name: z.string(), institutionId: z.string() })),
  teachers: z.array(z.object({ id: z.string(), name: z.string(), institutionId: z.string() })),
  rooms: z.array(z.object({ id: z.string(), name: z.string(), institutionId: z.string() })),
  reminderOffsetsMinutes: z.array(z.number()),
  roomStatus: ZRoomStatusSchema,
  /** When a host ended the video lesson for everyone (joining is refused from then on). */
  endedAt: z.string().nullable(),
  /** The event's last change (its feed entry's DTSTAMP). */
  updatedAt: z.string(),
  joinOpensAt: z.string(),
  myDecisionInstitutionId: z.string().nullable(),
  canCancel: z.boolean(),
  canEdit: z.boolean(),
});
export type TEventView = z.infer<typeof ZEventViewSchema>;
