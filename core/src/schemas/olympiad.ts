import { z } from 'zod';
import { ZIdSchema, ZInstantSchema, ZTextSchema } from './common.ts';

/** Least share (0–1) of the maximum total for each medal, set per olympiad. */
export const ZMedalThresholdsSchema = z
  .strictObject({
    gold: z.number().gt(0).max(1),
    silver: z.number().gt(0).max(1),
    bronze: z.number().gt(0).max(1),
  })
  .refine((m) => m.bronze <= m.silver && m.silver <= m.gold, {
    message: 'must be bronze ≤ silver ≤ gold',
    path: ['silver'],
  });

/** `PUT /api/events/:id/olympiad`: the jury (from both colleges), its chief expert, the medals. */
export const ZOlympiadSetupSchema = z.strictObject({
  jurorIds: z.array(ZIdSchema).min(2).max(50),
  chiefExpertId: ZIdSchema,
  medals: ZMedalThresholdsSchema.default({ gold: 0.9, silver: 0.75, bronze: 0.6 }),
});

export const ZMeasuredSchemeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pass_fail') }),
  z.strictObject({
    type: z.literal('value'),
    target: z.number().min(-1e9).max(1e9),
    tolerance: z.number().min(0).max(1e9),
  }),
]);

/** `POST /api/events/:id/olympiad/tasks`. */
export const ZOlympiadTaskInputSchema = z
  .strictObject({
    title: ZTextSchema.trim().min(1).max(200),
    kind: z.enum(['measured', 'judged']),
    maxScore: z.number().gt(0).max(1000),
    /** Measured tasks: the rule (default pass or fail). */
    scheme: ZMeasuredSchemeSchema.optional(),
  })
  .refine((t) => t.kind === 'measured' || t.scheme === undefined, {
    message: 'only measured tasks have a scheme',
    path: ['scheme'],
  });

export const ZOlympiadTaskSchema = z.object({
  id: ZIdSchema,
  title: z.string(),
  kind: z.enum(['measured', 'judged']),
  maxScore: z.number(),
  scheme: ZMeasuredSchemeSchema.nullable(),
});

/** `PUT /api/events/:id/olympiad/tasks/:taskId/marks/:competitorId`: one juror's mark. */
export const ZOlympiadMarkInputSchema = z.strictObject({
  /** Measured, pass or fail. */
  passed: z.boolean().optional(),
  /** Measured, against a target and tolerance. */
  value: z.number().min(-1e9).max(1e9).optional(),
  /** Judged: 1–10. */
  score: z.number().int().min(1).max(10).optional(),
});

const ZPerson = z.object({ id: ZIdSchema, name: z.string(), institutionId: ZIdSchema.nullable() });

/** A juror: a user (`account`), or someone who came by a jury invitation (`invitation`, with its label). */
const ZJuror = ZPerson.extend({
  kind: z.enum(['account', 'invitation']),
  label: z.string().nullable(),
});

export const ZOlympiadSchema = z.object({
  eventId: ZIdSchema,
  chiefExpertId: ZIdSchema,
  medals: z.object({ gold: z.number(), silver: z.number(), bronze: z.number() }),
  jurors: z.array(ZJuror),
  competitors: z.array(ZPerson),
  tasks: z.array(ZOlympiadTaskSchema),
  closedAt: ZInstantSchema.nullable(),
});

export const ZOlympiadResultsSchema = z.object({
  eventId: ZIdSchema,
  /** True once the chief expert closed marking: the results are then everyone's. */
  published: z.boolean(),
  maxTotal: z.number(),
  results: z.array(
    z.object({
      competitorId: ZIdSchema,
      name: z.string(),
      institutionId: ZIdSchema.nullable(),
      total: z.number(),
      complete: z.boolean(),
      rank: z.number().int(),
      medal: z.enum(['gold', 'silver', 'bronze']).nullable(),
      tasks: z.array(
        z.object({
          taskId: ZIdSchema,
          score: z.number().nullable(),
          judgeScores: z.array(z.number()).nullable(),
          marksIn: z.number().int(),
          marksExpected: z.number().int(),
          conflicts: z.array(z.string()),
        }),
      ),
    }),
  ),
});

/** One change of a mark, from the audit log. */
export const ZOlympiadAuditEntrySchema = z.object({
  at: ZInstantSchema,
  /** The user who set the mark; null when a juror invited by link did. */
  actorId: ZIdSchema.nullable(),
  /** The juror whose mark it is (a user's id, or the id of someone invited by link). */
  jurorId: ZIdSchema.nullable(),
  /** Set when the juror came by a jury invitation: their name and the invitation's label. */
  byGuest: z.object({ displayName: z.string(), label: z.string().nullable() }).nullable(),
  taskId: z.string(),
  competitorId: z.string(),
  from: z.record(z.string(), z.unknown()).nullable(),
  to: z.record(z.string(), z.unknown()),
});
