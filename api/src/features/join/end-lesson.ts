import type { TActor } from '@telemost/core/permissions';
import type { TEndLessonResponse } from '@telemost/core/schemas/live';
import { closeOpenSessions, setRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import { recordChange, wakeOutbox } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { endBreakoutsWithLesson } from '../breakouts/end-breakouts-with-lesson.ts';
import { saveBoardsWithLesson } from '../whiteboards/save-boards-with-lesson.ts';
import { requireHost } from './require-host.ts';

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
      extra: { eventStatus: event.status },
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
    await recordChange(trx, {
      actorId: actor.id,
      action: 'live.lesson_ended',
      entity: 'event',
      entityId: event.id,
      data: { endedAt: now.toISOString(), scheduledEnd: event.endAt.toISOString() },
      outbox: [
        {
          topic: 'event.lesson_ended',
          aggregateId: event.id,
          payload: { eventId: event.id, version: ended.version, actorId: actor.id },
        },
      ],
    });
    return { endedAt: now, endedBy: actor.id, ended: true };
  });
  if (recorded.ended) wakeOutbox(ctx.db);

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
  // The breakout teams end with the lesson (their rooms deleted, best effort: LiveKit's empty
  // timeout and the webhook take down any left).
  await endBreakoutsWithLesson(ctx, event.id);
  // Each board drawn on is kept with the lesson's materials, as an image.
  await saveBoardsWithLesson(ctx, event.id, actor.id);
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
