import { ZAttendanceQuerySchema, ZAttendanceReportSchema, ZIdSchema, ZLocaleSchema } from '@telemost/core';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { renderAttendanceCsv } from './attendance-csv.ts';
import { getAttendance } from './get-attendance.ts';

export function attendanceRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events/:id/attendance',
      summary: 'Who attended the video room: college, joined, left, minutes (JSON, or CSV with ?format=csv)',
      tags: ['reports'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: z.strictObject({ id: ZIdSchema }),
      query: ZAttendanceQuerySchema,
      response: ZAttendanceReportSchema,
      errors: { 403: 'Not staff of an involved college', 404: 'No such event' },
      handler: async ({ actor, params, query, res }) => {
        const report = await getAttendance(ctx, actor, params.id);
        if (query.format === 'json') return report;
        const user = await ctx.db
          .selectFrom('users')
          .select('locale')
          .where('id', '=', actor.id)
          .executeTakeFirst();
        const locale = query.lang ?? ZLocaleSchema.catch('ru').parse(user?.locale);
        const csv = renderAttendanceCsv(report, locale, query.delimiter === 'semicolon' ? ';' : ',');
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .attachment(`attendance-${report.start.slice(0, 10)}-${report.eventId.slice(0, 8)}.csv`)
          .send(csv);
        return undefined;
      },
    }),
  ];
}
