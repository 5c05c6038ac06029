import type { TActor, TEndLessonResponse } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { writeAudit, writeOutbox } from '../../lib/audit.ts';
import { closeOpenSessions, setRoomStatus } from '../attendance/attendance.repository.ts';
import { pushRoomStatus } from '../attendance/room-status.ts';
import { createRoomService } from '../livekit/livekit-client.ts';
import { requireHost } from './require-host.ts';

function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  return e?.status === 404 || e?.code === 'not_found';
}

/**
 * A host ends the video lesson for everyone, before its scheduled end: the end is recorded
 * (audit and outbox in the same transaction), LiveKit's room is deleted, which disconnects
 * everyone with "room deleted", the stays still open are closed at the recorded end so durations
 * are final, and the room status becomes `closed`. From then on joining is refused. Idempotent:
 * a repeat keeps the first end and only finishes what an interrupted call left (a room LiveKit
 * could not delete then).
 */
export async function endLesson(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TEndLessonResponse> {
  const event = await requireHost(ctx, actor, eventId);
  if (event.status !== 'confirmed') {
    throw new AppError('invalid_state', 'Only a confirmed event has a lesson to end', {
      extra: { status: event.status },
    });
  }
  const now = ctx.now();
  // Before its room is due, a lesson has nothing to end (the worker would still create the room):
  // cancelling it is the way.
  const roomDueAt = new Date(event.startAt.getTime() - ctx.env.ROOM_OPEN_LEAD_MINUTES * 60_000);
  if (now < roomDueAt) {
    throw new AppError('invalid_state', 'The lesson has not begun yet; cancel it instead of ending it', {
      extra: { roomDueAt: roomDueAt.toISOString() },
    });
  }
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('events')
      .set({ endedAt: now, endedBy: actor.id, updatedAt: now })
      .where('id', '=', event.id)
      .where('endedAt', 'is', null)
      .returning(['endedAt', 'endedBy', 'version'])
      .executeTakeFirst();
    if (!ended) {
      const row = await trx
        .selectFrom('events')
        .select(['endedAt', 'endedBy'])
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow();
      return { endedAt: new Date(row.endedAt as Date), endedBy: row.endedBy, ended: false };
    }
    // The version stays: the lesson is the same, and a new version would re-plan its room jobs.
    await writeOutbox(trx, {
      topic: 'event.lesson_ended',
      aggregateId: event.id,
      payload: { eventId: event.id, version: ended.version, actorId: actor.id },
    });
    await writeAudit(trx, {
      actorId: actor.id,
      action: 'live.lesson_ended',
      entity: 'event',
      entityId: event.id,
      data: { endedAt: now.toISOString(), scheduledEnd: event.endAt.toISOString() },
    });
    return { endedAt: now, endedBy: actor.id, ended: true };
  });

  let roomDeleted = false;
  try {
    await createRoomService(ctx.env).deleteRoom(event.id);
    roomDeleted = true;
  } catch (err) {
    if (!isNotFound(err)) {
      // The end is recorded (nobody can join any more); a repeat deletes the room.
      throw new AppError('service_unavailable', 'The video server does not answer; please try again');
    }
  }
  // LiveKit's participant_left and room_finished webhooks that follow find these stays closed
  // and keep the first recorded end, so nothing is counted twice.
  const staysClosed = await closeOpenSessions(ctx.db, event.id, recorded.endedAt);
  const changed = await setRoomStatus(ctx.db, event.id, 'closed', ['closed']);
  if (changed || staysClosed) await pushRoomStatus(ctx.db, ctx.realtime, event.id);
  return {
    eventId: event.id,
    endedAt: recorded.endedAt.toISOString(),
    endedBy: recorded.endedBy,
    ended: recorded.ended,
    roomDeleted,
    staysClosed,
  };
}
