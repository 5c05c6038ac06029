import { ZIdSchema, ZPartnershipReportQuerySchema, ZPartnershipReportSchema } from '@telemost/core';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { getPartnershipReport } from './get-partnership-report.ts';

export function reportRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/partnerships/:id/report',
      summary: 'The plan of activities against what was done, by kind, with people and hours per college',
      tags: ['reports'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: z.strictObject({ id: ZIdSchema }),
      query: ZPartnershipReportQuerySchema,
      response: ZPartnershipReportSchema,
      errors: { 403: 'Your college is not a member', 404: 'No such partnership' },
      handler: ({ actor, params, query }) => getPartnershipReport(ctx, actor, params.id, query),
    }),
  ];
}
