import type { TWorkerContext } from '../context.ts';
import type { TRoomEvent } from '../events/events.repository.ts';

/** What room provisioning, teardown and reconciliation need: a subset of the worker context. */
export type TRoomDeps = Pick<TWorkerContext, 'db' | 'env' | 'logger' | 'now' | 'realtime'>;

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
