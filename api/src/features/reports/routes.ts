import { ZIdSchema } from '@telemost/core/schemas/common';
import { ZPartnershipReportQuerySchema, ZPartnershipReportSchema } from '@telemost/core/schemas/live';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { sendXlsx, XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportPartnershipReport } from './export-partnership-report.ts';
import { getPartnershipReport } from './get-partnership-report.ts';

export function reportRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/partnerships/:id/report',
      summary:
        'The plan of activities against what was done, by kind, with people and hours per college (JSON; Excel with ?format=xlsx, each activity on both sides’ clocks)',
      tags: ['reports'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: z.strictObject({ id: ZIdSchema }),
      query: ZPartnershipReportQuerySchema,
      response: ZPartnershipReportSchema,
      produces: [XLSX_TYPE],
      errors: { 403: 'Your college is not a member', 404: 'No such partnership' },
      handler: async ({ actor, params, query, res }) => {
        if (query.format === 'json') return getPartnershipReport(ctx, actor, params.id, query);
        const { workbook, filename } = await exportPartnershipReport(ctx, actor, params.id, query);
        await sendXlsx(res, workbook, filename);
        return undefined;
      },
    }),
  ];
}
