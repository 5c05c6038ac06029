import type { TWorkerContext } from '../context.ts';
import { jobId } from '../define-job.ts';
import { reconcileRoomsJob } from './reconcile-rooms.job.ts';

/**
 * Queues the room reconciliation every ROOM_RECONCILE_SECONDS, timed in this process (like the
 * reminder sweep) rather than by a scheduler kept in Redis, which a Redis data loss would take
 * with it. The slot id lets exactly one of several workers run each round. Returns a stop function.
 */
export function startRoomSweep(ctx: TWorkerContext): () => void {
  const everyMs = ctx.env.ROOM_RECONCILE_SECONDS * 1000;
  const sweep = () => {
    const slot = Math.floor(Date.now() / everyMs);
    ctx
      .enqueue(reconcileRoomsJob, {}, { jobId: jobId(reconcileRoomsJob.name, everyMs, slot) })
      .catch((err: Error) =>
        ctx.logger.warn({ err: err.message }, 'could not queue the room reconciliation'),
      );
  };
  const timer = setInterval(sweep, everyMs);
  sweep();
  return () => clearInterval(timer);
}
