import { type TLocale, ZIdSchema, ZLocaleSchema } from '@telemost/core/schemas/common';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { defineRoute } from '../../lib/route.ts';
import { getEvent } from '../events/get-event.ts';
import { listEvents } from '../events/list-events.ts';
import { loadProgrammes } from '../programme/programme.repository.ts';
import { actorByCalendarToken, revokeCalendarToken, rotateCalendarToken } from './calendar-token.ts';
import { buildIcs } from './ics.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The language a person's calendar texts are written in. */
async function localeOf(ctx: AppContext, userId: string): Promise<TLocale> {
  const row = await ctx.db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return ZLocaleSchema.catch('ru').parse(row?.locale);
}

/**
 * The base of every link the api writes: PUBLIC_URL (required in production; `startServer` sets it
 * to the listening address otherwise). Never the request's Host header, which the sender chooses.
 */
export function publicBaseUrl(ctx: AppContext, _req?: unknown): string {
  if (!ctx.env.PUBLIC_URL) throw new Error('PUBLIC_URL is not set');
  return ctx.env.PUBLIC_URL.replace(/\/$/, '');
}

export function calendarRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events/:id/ics',
      summary: 'The event as an iCalendar file',
      tags: ['calendar'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      produces: 'text/calendar',
      handler: async ({ actor, params, req, res }) => {
        const event = await getEvent(ctx, actor, params.id);
        res
          .type('text/calendar; charset=utf-8')
          .set('content-disposition', `attachment; filename="telemost-${event.id}.ics"`)
          .send(
            buildIcs([event], {
              name: event.title,
              baseUrl: publicBaseUrl(ctx, req),
              locale: await localeOf(ctx, actor.id),
              mailFrom: ctx.env.MAIL_FROM,
              // With METHOD, DTSTAMP is when this message was made.
              stamp: () => ctx.now(),
              method: 'publish',
              programmes: await loadProgrammes(ctx.db, [event]),
            }),
          );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/calendar-token',
      summary: 'Create (or replace) the personal calendar feed link; the old link stops working',
      tags: ['calendar'],
      auth: true,
      status: 201,
      response: z.object({ url: z.string() }),
      idempotent: true,
      handler: async ({ actor, req }) => {
        const token = await rotateCalendarToken(ctx, actor);
        return { url: `${publicBaseUrl(ctx, req)}/api/calendar/${token}.ics` };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/me/calendar-token',
      summary: 'Revoke the personal calendar feed link',
      tags: ['calendar'],
      auth: true,
      handler: async ({ actor }) => {
        await revokeCalendarToken(ctx, actor);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/:token.ics',
      summary: 'Personal subscribable calendar feed (token in the link, no cookie)',
      tags: ['calendar'],
      auth: false,
      params: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) }),
      produces: 'text/calendar',
      handler: async ({ params, req, res }) => {
        const actor = await actorByCalendarToken(ctx, params.token);
        if (!actor) throw notFound('Calendar feed');
        const now = ctx.now().getTime();
        const { items } = await listEvents(ctx, actor, {
          from: new Date(now - 30 * DAY).toISOString(),
          to: new Date(now + 365 * DAY).toISOString(),
          limit: 500,
          offset: 0,
        });
        res.type('text/calendar; charset=utf-8').send(
          buildIcs(items, {
            name: 'Telemost',
            baseUrl: publicBaseUrl(ctx, req),
            locale: await localeOf(ctx, actor.id),
            mailFrom: ctx.env.MAIL_FROM,
            // Without METHOD, DTSTAMP is when the event was last revised (RFC 5545 §3.8.7.2).
            stamp: (e) => new Date(e.updatedAt),
            programmes: await loadProgrammes(ctx.db, items),
          }),
        );
      },
    }),
  ];
}
