import { createRoomService } from '@telemost/api/features/livekit/livekit-client';
import type { RoomServiceClient } from 'livekit-server-sdk';
import type { TWorkerContext } from '../context.ts';

/** What room provisioning, teardown and reconciliation need: a subset of the worker context. */
export type TRoomDeps = Pick<TWorkerContext, 'db' | 'env' | 'logger' | 'now' | 'realtime'>;

const clients = new Map<string, RoomServiceClient>();

/** One RoomService client per LiveKit server and key (they are stateless and cheap to share). */
export function roomService(deps: Pick<TRoomDeps, 'env'>): RoomServiceClient {
  const key = `${deps.env.LIVEKIT_URL}|${deps.env.LIVEKIT_API_KEY}`;
  let client = clients.get(key);
  if (!client) {
    client = createRoomService(deps.env);
    clients.set(key, client);
  }
  return client;
}

/** LiveKit answers 404 / `not_found` for a room or participant that does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  return e?.status === 404 || e?.code === 'not_found';
}

/** The event row as room jobs read it. */
export async function loadRoomEvent(deps: Pick<TRoomDeps, 'db'>, eventId: string) {
  const row = await deps.db
    .selectFrom('events')
    .select(['id', 'status', 'version', 'startAt', 'endAt', 'roomStatus', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  return row
    ? {
        ...row,
        startAt: new Date(row.startAt),
        endAt: new Date(row.endAt),
        endedAt: row.endedAt ? new Date(row.endedAt) : null,
      }
    : null;
}

export type TRoomEvent = NonNullable<Awaited<ReturnType<typeof loadRoomEvent>>>;

const MINUTE = 60_000;

/** When the room should exist: from ROOM_OPEN_LEAD_MINUTES before the start until the end. */
export function roomOpensAt(deps: Pick<TRoomDeps, 'env'>, event: Pick<TRoomEvent, 'startAt'>): Date {
  return new Date(event.startAt.getTime() - deps.env.ROOM_OPEN_LEAD_MINUTES * MINUTE);
}

/** When the room is torn down: ROOM_CLOSE_GRACE_MINUTES after the end. */
export function roomClosesAt(deps: Pick<TRoomDeps, 'env'>, event: Pick<TRoomEvent, 'endAt'>): Date {
  return new Date(event.endAt.getTime() + deps.env.ROOM_CLOSE_GRACE_MINUTES * MINUTE);
}

/**
 * Whether an event should no longer have a room: not confirmed any more, ended early by a host
 * (`POST /api/events/:id/end`), or over plus grace.
 */
export function roomIsOver(deps: Pick<TRoomDeps, 'env' | 'now'>, event: TRoomEvent): boolean {
  return event.status !== 'confirmed' || event.endedAt !== null || deps.now() >= roomClosesAt(deps, event);
}
