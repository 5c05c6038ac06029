import type { TNotification } from '@telemost/core';

/** A notifications row as pushed to the browser and listed by the api. */
export function toNotificationMessage(row: {
  id: string;
  kind: string;
  eventId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date | string;
  readAt: Date | string | null;
}): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    eventId: row.eventId,
    payload: row.payload,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
  };
}
