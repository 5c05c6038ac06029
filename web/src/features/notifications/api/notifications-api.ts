import {
  type TNotification,
  ZNotificationListSchema,
  ZNotificationSchema,
} from '@telemost/core/schemas/notification';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

/** The newest notifications and the unread count. */
export function listNotifications(signal?: AbortSignal) {
  return apiRequest('/api/notifications', ZNotificationListSchema, { query: { limit: 20 }, signal });
}

/** Marks one notification read. */
export function markRead(id: string): Promise<TNotification> {
  return apiRequest(`/api/notifications/${id}/read`, ZNotificationSchema, { method: 'POST' });
}

/** Marks every notification read. */
export function markAllRead() {
  return apiRequest('/api/notifications/read-all', z.object({ updated: z.number() }), { method: 'POST' });
}
