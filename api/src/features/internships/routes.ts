import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZConfirmInternshipDaySchema,
  ZInternshipSchema,
  ZInternshipSetupSchema,
} from '@telemost/core/schemas/internship';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { confirmInternshipDay } from './confirm-day.ts';
import { getInternship } from './get-internship.ts';
import { setupInternship } from './setup-internship.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const NOT_READY = 'Not an internship, or no programme set up yet (`invalid_state`)';

export function internshipRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'put',
      path: '/api/events/:id/internship',
      summary:
        'A host sets up the internship: the host college, its mentors, the programme of days with sessions and hours',
      tags: ['internships'],
      auth: true,
      params: ZEventParams,
      body: ZInternshipSetupSchema,
      response: ZInternshipSchema,
      errors: { 403: 'Not a host of this event', 409: NOT_READY },
      handler: ({ actor, params, body }) => setupInternship(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/internship',
      summary: 'The internship: programme of days, mentors, interns, planned and confirmed hours',
      tags: ['internships'],
      auth: true,
      params: ZEventParams,
      response: ZInternshipSchema,
      errors: { 403: 'Not one of this internship', 409: NOT_READY },
      handler: ({ actor, params }) => getInternship(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/internship/days/:dayId/confirm',
      summary:
        'A mentor of the host college confirms a day (its hours count for the interns present and against the plan; idempotent)',
      tags: ['internships'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema, dayId: ZIdSchema }),
      body: ZConfirmInternshipDaySchema,
      response: ZInternshipSchema,
      errors: {
        403: 'Not a mentor of the host college',
        404: 'No such day',
        409: `${NOT_READY}, the event is not confirmed, or the day has not come yet`,
      },
      handler: ({ actor, params, body }) => confirmInternshipDay(ctx, actor, params.id, params.dayId, body),
    }),
  ];
}
