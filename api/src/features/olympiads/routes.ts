import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZOlympiadAuditEntrySchema,
  ZOlympiadMarkInputSchema,
  ZOlympiadResultsSchema,
  ZOlympiadSchema,
  ZOlympiadSetupSchema,
  ZOlympiadTaskInputSchema,
  ZOlympiadTaskSchema,
} from '@telemost/core/schemas/olympiad';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { sendXlsx, XLSX_TYPE } from '../../lib/xlsx.ts';
import { addTask } from './add-task.ts';
import { closeMarking } from './close-marking.ts';
import { getMarkAudit, getOlympiad } from './get-olympiad.ts';
import { getResults } from './get-results.ts';
import { olympiadViewer } from './jury-guest.ts';
import { loadOlympiad } from './olympiad.repository.ts';
import { renderResultsCsv } from './results-csv.ts';
import { renderResultsXlsx } from './results-xlsx.ts';
import { setMark } from './set-mark.ts';
import { setupOlympiad } from './setup-olympiad.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const REVOKED =
  'The jury credential’s invitation was revoked (`invitation_revoked`) or has expired (`invitation_expired`)';
const NOT_READY = 'Not an olympiad, no jury set up yet, or marking is closed (`invalid_state`)';

export function olympiadRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'put',
      path: '/api/events/:id/olympiad',
      summary: 'A host sets up the olympiad: the jury from both colleges, the chief expert, medal thresholds',
      tags: ['olympiads'],
      auth: true,
      params: ZEventParams,
      body: ZOlympiadSetupSchema,
      response: ZOlympiadSchema,
      errors: { 403: 'Not a host of this event', 409: NOT_READY },
      handler: ({ actor, params, body }) => setupOlympiad(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/olympiad',
      summary: 'The olympiad: jury, competitors (the event’s students), tasks, whether marking is closed',
      tags: ['olympiads'],
      auth: true,
      params: ZEventParams,
      juryCredential: true,
      response: ZOlympiadSchema,
      errors: { 403: 'Not one of this event', 409: NOT_READY, 410: REVOKED },
      handler: async ({ actor, bearer, params }) =>
        getOlympiad(ctx, await olympiadViewer(ctx, actor, bearer, params.id), params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/olympiad/tasks',
      summary: 'A host or the chief expert adds a task with its marking scheme (measured or judged)',
      tags: ['olympiads'],
      auth: true,
      status: 201,
      params: ZEventParams,
      body: ZOlympiadTaskInputSchema,
      response: ZOlympiadTaskSchema,
      errors: { 403: 'Not a host or the chief expert', 409: NOT_READY },
      handler: ({ actor, params, body }) => addTask(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'put',
      path: '/api/events/:id/olympiad/tasks/:taskId/marks/:competitorId',
      summary:
        'A juror (signed in, or invited by link with a jury credential) marks a competitor on a task (audited: who, when, from what)',
      tags: ['olympiads'],
      auth: true,
      juryCredential: true,
      params: z.strictObject({ id: ZIdSchema, taskId: ZIdSchema, competitorId: ZIdSchema }),
      body: ZOlympiadMarkInputSchema,
      response: z.object({
        taskId: ZIdSchema,
        competitorId: ZIdSchema,
        jurorId: ZIdSchema,
        passed: z.boolean().nullable(),
        value: z.number().nullable(),
        score: z.number().nullable(),
        updatedAt: z.string(),
      }),
      errors: {
        403: 'Not on the jury',
        409: `${NOT_READY}, or the competitor is of the juror’s own college on a judged task (\`conflict_of_interest\`)`,
        410: REVOKED,
      },
      handler: async ({ actor, bearer, params, body }) =>
        setMark(
          ctx,
          await olympiadViewer(ctx, actor, bearer, params.id),
          params.id,
          params.taskId,
          params.competitorId,
          body,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/olympiad/results',
      summary:
        'Results computed on the server (per task, total, rank, medal): live for the jury and hosts, for everyone once published; ?format=csv or xlsx to export',
      tags: ['olympiads'],
      auth: true,
      juryCredential: true,
      params: ZEventParams,
      query: z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: ZOlympiadResultsSchema,
      produces: ['text/csv', XLSX_TYPE],
      errors: { 403: 'Not published yet, or not one of this event', 409: NOT_READY, 410: REVOKED },
      handler: async ({ actor, bearer, params, query, res }) => {
        const results = await getResults(ctx, await olympiadViewer(ctx, actor, bearer, params.id), params.id);
        if (query.format === 'json') return results;
        const state = await loadOlympiad(ctx.db, params.id);
        if (query.format === 'xlsx') {
          await sendXlsx(res, renderResultsXlsx(state, results), `olympiad-${params.id}.xlsx`);
          return undefined;
        }
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .setHeader('content-disposition', `attachment; filename="olympiad-${params.id}.csv"`)
          .send(renderResultsCsv(state, results));
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/olympiad/close',
      summary: 'The chief expert closes marking and publishes the results (idempotent)',
      tags: ['olympiads'],
      auth: true,
      params: ZEventParams,
      response: ZOlympiadResultsSchema,
      errors: { 403: 'Not the chief expert', 409: NOT_READY },
      handler: ({ actor, params }) => closeMarking(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/olympiad/audit',
      summary: 'Every mark set or changed: who, when, from what, to what',
      tags: ['olympiads'],
      auth: true,
      params: ZEventParams,
      juryCredential: true,
      response: z.array(ZOlympiadAuditEntrySchema),
      errors: { 403: 'Not a host or on the jury', 409: NOT_READY, 410: REVOKED },
      handler: async ({ actor, bearer, params }) =>
        getMarkAudit(ctx, await olympiadViewer(ctx, actor, bearer, params.id), params.id),
    }),
  ];
}
