import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZAvailabilityQuerySchema,
  ZCancelRequestSchema,
  ZCreateEventRequestSchema,
  ZDecisionRequestSchema,
  ZEventViewSchema,
  ZListEventsQuerySchema,
  ZUpdateEventRequestSchema,
} from '@telemost/core/schemas/event';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { bookEvent } from './book-event.ts';
import { cancelEvent } from './cancel-event.ts';
import { decideEvent } from './decide-event.ts';
import { findAvailability } from './find-availability.ts';
import { getEvent } from './get-event.ts';
import { listDecisions } from './list-decisions.ts';
import { listEvents } from './list-events.ts';
import { rescheduleEvent } from './reschedule-event.ts';

const ZIdParams = z.strictObject({ id: ZIdSchema });
const ZEventList = z.object({ items: z.array(ZEventViewSchema) });

export function eventRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/availability',
      summary: 'Mutual free slots for chosen groups and teachers, best first, in every local time',
      tags: ['events'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      query: ZAvailabilityQuerySchema,
      response: z.object({
        items: z.array(
          z.object({
            start: z.string(),
            end: z.string(),
            score: z.number(),
            local: z.array(
              z.object({
                institutionId: z.string(),
                timeZone: z.string(),
                start: z.string(),
                end: z.string(),
              }),
            ),
          }),
        ),
      }),
      handler: ({ actor, query }) => findAvailability(ctx, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events',
      summary: 'Propose a joint activity (or a weekly series) between partner colleges',
      tags: ['events'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      status: 201,
      body: ZCreateEventRequestSchema,
      idempotent: true,
      response: ZEventList.extend({
        skipped: z.array(z.object({ localDate: z.string(), reason: z.string() })),
        seriesId: z.string().nullable(),
      }),
      errors: {
        409: 'Booking conflict: `conflicts` names the overlapping events',
        422: 'Invalid, outside working time (`violations`), or a non-existent local time',
      },
      handler: ({ actor, body }) => bookEvent(ctx, actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events',
      summary: 'Events the user may see, overlapping [from, to), filtered and paginated',
      tags: ['events'],
      auth: true,
      query: ZListEventsQuerySchema,
      response: ZEventList.extend({ total: z.number() }),
      handler: ({ actor, query }) => listEvents(ctx, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/decisions',
      summary:
        'Waiting for your decision: proposals your college has yet to confirm or decline (the inbox and its counter), earliest first',
      tags: ['events'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      response: ZEventList.extend({ total: z.number().int() }),
      handler: ({ actor }) => listDecisions(ctx, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id',
      summary: 'One event with every side’s local times',
      tags: ['events'],
      auth: true,
      params: ZIdParams,
      response: ZEventViewSchema,
      errors: { 404: 'Not found or not visible' },
      handler: ({ actor, params }) => getEvent(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/events/:id',
      summary:
        'Edit or reschedule this event, or this and the following occurrences; only what differs changes (`{}` or the same values again: 200, nothing bumped)',
      tags: ['events'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: ZIdParams,
      body: ZUpdateEventRequestSchema,
      response: ZEventList,
      errors: { 404: 'Not found', 409: 'Booking conflict or the event is no longer active' },
      handler: async ({ actor, params, body }) => ({
        items: await rescheduleEvent(ctx, actor, params.id, body),
      }),
    }),
    ...(['confirm', 'decline'] as const).map((verb) =>
      defineRoute({
        method: 'post',
        path: `/api/events/:id/${verb}`,
        summary: verb === 'confirm' ? 'Confirm for your college' : 'Decline for your college',
        tags: ['events'],
        auth: ['admin', 'coordinator', 'teacher'] as const,
        params: ZIdParams,
        body: ZDecisionRequestSchema,
        response: ZEventViewSchema,
        errors: { 409: 'Not proposed any more, or already answered' },
        handler: ({ actor, params, body }) =>
          decideEvent(ctx, actor, params.id, verb === 'confirm' ? 'confirmed' : 'declined', body),
      }),
    ),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/cancel',
      summary: 'Cancel this event, or this and the following occurrences',
      tags: ['events'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      params: ZIdParams,
      body: ZCancelRequestSchema,
      response: ZEventList,
      errors: { 409: 'Already cancelled or declined' },
      handler: async ({ actor, params, body }) => ({ items: await cancelEvent(ctx, actor, params.id, body) }),
    }),
  ];
}
