import { z } from 'zod';
import { ZIdSchema, ZInstantSchema } from './common.ts';

/** What a notification is about: a reminder before an event, or a change to an event. */
export const NOTIFICATION_KINDS = [
  'reminder',
  'event.proposed',
  'event.confirmed',
  'event.declined',
  'event.rescheduled',
  'event.cancelled',
] as const;
export const ZNotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKindSchema>;

/**
 * The content of a notification, written once in the recipient's language and zone: the web shows
 * `title` and `body` as they are and links to `url`.
 */
export const ZNotificationPayloadSchema = z.looseObject({
  title: z.string(),
  body: z.string(),
  url: z.string(),
  /** Every involved college's local start: `10:00 Москва / 12:00 Караганда`. */
  times: z.string(),
  start: ZInstantSchema,
  end: ZInstantSchema,
  status: z.string(),
  version: z.number().int(),
  offsetMinutes: z.number().int().optional(),
});
export type TNotificationPayload = z.infer<typeof ZNotificationPayloadSchema>;

/** One in-app notification, as listed by the api and pushed over socket.io (`notification`). */
export const ZNotificationSchema = z.object({
  id: ZIdSchema,
  kind: z.string(),
  eventId: ZIdSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: ZInstantSchema,
  readAt: ZInstantSchema.nullable(),
});
export type TNotification = z.infer<typeof ZNotificationSchema>;

/** A notifications row (its timestamps as the driver returns them). */
export type TNotificationRow = {
  id: string;
  kind: string;
  eventId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date | string;
  readAt: Date | string | null;
};

/**
 * A notifications row as the api lists it and the worker pushes it: only these fields (a row
 * read with `returningAll` also holds the recipient and the dedupe key, which stay server-side).
 */
export function toNotification(row: TNotificationRow): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    eventId: row.eventId,
    payload: row.payload,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
  };
}

const ZQueryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ZListNotificationsQuerySchema = z.strictObject({
  /** Only unread ones. */
  unread: ZQueryBoolean.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only those created before this instant (paging backwards). */
  before: ZInstantSchema.optional(),
});
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuerySchema>;

export const ZNotificationListSchema = z.object({
  items: z.array(ZNotificationSchema),
  /** Unread notifications of the user in total, whatever the filter. */
  unread: z.number().int(),
});
export type TNotificationList = z.infer<typeof ZNotificationListSchema>;
