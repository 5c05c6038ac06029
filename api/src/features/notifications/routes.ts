import { ZIdSchema } from '@telemost/core/schemas/common';
import {
  ZListNotificationsQuerySchema,
  ZNotificationListSchema,
  ZNotificationSchema,
} from '@telemost/core/schemas/notification';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { listNotifications } from './list-notifications.ts';
import { markAllNotificationsRead } from './mark-all-notifications-read.ts';
import { markNotificationRead } from './mark-notification-read.ts';

export function notificationRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'My notifications (reminders and event changes), newest first, with the unread count',
      tags: ['notifications'],
      auth: true,
      query: ZListNotificationsQuerySchema,
      response: ZNotificationListSchema,
      handler: ({ actor, query }) => listNotifications(ctx, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my notifications read',
      tags: ['notifications'],
      auth: true,
      response: z.object({ updated: z.number().int() }),
      handler: ({ actor }) => markAllNotificationsRead(ctx, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one of my notifications read',
      tags: ['notifications'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: ZNotificationSchema,
      errors: { 404: 'No such notification of yours' },
      handler: ({ actor, params }) => markNotificationRead(ctx, actor, params.id),
    }),
  ];
}
