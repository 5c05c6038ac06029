import type { TWorkerContext } from '../context.ts';
import { jobId } from '../define-job.ts';
import type { TEventChangeSubscriber } from '../domain-events/handle-domain-event.ts';
import { loadRoomEvent } from '../events/events.repository.ts';
import { closeRoomJob } from './close-room.job.ts';
import { openRoomJob } from './open-room.job.ts';
import { roomClosesAt, roomOpensAt } from './room-policy.ts';

export type TRoomSchedule = { open: boolean; close: 'at-end' | 'now' | null };

/**
 * Queues the room jobs an event needs now, from its current row: a confirmed event gets an open
 * job at ROOM_OPEN_LEAD_MINUTES before the start and a close job at the end plus grace; an event
 * that is no longer confirmed but has (or is getting) a room gets a close job at once. Job ids
 * carry the event version, so a reschedule adds new jobs and the old ones skip themselves as
 * stale, and a re-delivered outbox row adds nothing.
 */
export async function scheduleRoomJobs(
  ctx: Pick<TWorkerContext, 'db' | 'env' | 'now' | 'enqueue'>,
  eventId: string,
): Promise<TRoomSchedule> {
  const event = await loadRoomEvent(ctx, eventId);
  if (!event) return { open: false, close: null };
  const now = ctx.now().getTime();
  const data = { eventId, version: event.version };
  if (event.status === 'confirmed') {
    const open = now < event.endAt.getTime();
    if (open) {
      await ctx.enqueue(openRoomJob, data, {
        jobId: jobId('room-open', eventId, event.version),
        delay: Math.max(0, roomOpensAt(ctx, event).getTime() - now),
      });
    }
    await ctx.enqueue(closeRoomJob, data, {
      jobId: jobId('room-close', eventId, event.version),
      delay: Math.max(0, roomClosesAt(ctx, event).getTime() - now),
    });
    return { open, close: 'at-end' };
  }
  if (event.roomStatus === 'open' || event.roomStatus === 'creating' || event.roomStatus === 'failed') {
    await ctx.enqueue(closeRoomJob, data, {
      jobId: jobId('room-close', eventId, event.version, event.status),
    });
    return { open: false, close: 'now' };
  }
  return { open: false, close: null };
}

/** Re-plans an event's room jobs on each of its changes (confirmed, rescheduled, cancelled…). */
export const scheduleRoomsOnChange: TEventChangeSubscriber = async (change, ctx) => {
  await scheduleRoomJobs(ctx, change.eventId);
};
