import { ZIdSchema } from '@telemost/core/schemas/common';
import { ZAttendanceQuerySchema, ZAttendanceReportSchema } from '@telemost/core/schemas/live';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { sendXlsx, XLSX_TYPE } from '../../lib/xlsx.ts';
import { csvDelimiterFor, renderAttendanceCsv } from './attendance-csv.ts';
import { renderAttendanceXlsx } from './attendance-xlsx.ts';
import { getAttendance } from './get-attendance.ts';
import { eventClocksFor, reportReader } from './report-reader.ts';

export function attendanceRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events/:id/attendance',
      summary:
        'Who attended the video room: college, joined, left, minutes (JSON; CSV with ?format=csv, `;`-separated for ru/kk unless ?delimiter=comma; Excel with ?format=xlsx, times on both sides’ clocks)',
      tags: ['reports'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: z.strictObject({ id: ZIdSchema }),
      query: ZAttendanceQuerySchema,
      response: ZAttendanceReportSchema,
      produces: ['text/csv', XLSX_TYPE],
      errors: { 403: 'Not staff of an involved college', 404: 'No such event' },
      handler: async ({ actor, params, query, res }) => {
        const report = await getAttendance(ctx, actor, params.id);
        if (query.format === 'json') return report;
        const reader = await reportReader(ctx, actor, query.lang);
        const name = `attendance-${report.start.slice(0, 10)}-${report.eventId.slice(0, 8)}`;
        if (query.format === 'xlsx') {
          const clocks = await eventClocksFor(ctx, [report.eventId], report.start, reader);
          await sendXlsx(res, renderAttendanceXlsx(report, clocks, reader.locale), `${name}.xlsx`);
          return undefined;
        }
        const csv = renderAttendanceCsv(
          report,
          reader.locale,
          csvDelimiterFor(reader.locale, query.delimiter),
        );
        res.status(200).type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(csv);
        return undefined;
      },
    }),
  ];
}
