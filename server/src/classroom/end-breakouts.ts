import { breakoutRoomName, type TBreakoutsChangedMessage } from '@telemost/core/schemas/classroom';
import type { Redis } from 'ioredis';
import { closeOpenSessions } from '../attendance/attendance.repository.ts';
import type { TEnv } from '../config/env.ts';
import type { Db } from '../db/database.ts';
import { createRoomService, isNotFound } from '../livekit/livekit-client.ts';
import { writeAudit } from '../outbox/record-change.ts';
import type { TRealtime } from '../realtime/realtime.ts';

/** What ending breakouts needs, from the api's context or the worker's. */
export type TBreakoutsDeps = {
  db: Db;
  env: TEnv;
  redis: Redis;
  realtime: Pick<TRealtime, 'toEvent'> | null;
  now: () => Date;
};

/** The raised hands in an event's teams (a Redis set of identities), under the deployment's prefix. */
export function breakoutHandsKey(env: Pick<TEnv, 'QUEUE_PREFIX'>, eventId: string): string {
  return `${env.QUEUE_PREFIX}:breakout-hands:${eventId}`;
}

/** Tells the event's watchers that its breakouts ended: every client goes back to the main room. */
export function pushBreakoutsEnded(deps: Pick<TBreakoutsDeps, 'realtime'>, eventId: string): void {
  const message: TBreakoutsChangedMessage = { eventId, active: false, endsAt: null, rooms: [], hands: [] };
  deps.realtime?.toEvent(eventId, 'breakouts:changed', message);
}

export class BreakoutRoomsUnavailable extends Error {}

/**
 * Ends an event's running breakouts: the team rooms are deleted (which puts out anyone still in
 * them), the row goes in one statement (so two enders — a host and the timer — end it once), the
 * team stays end now, and every client is told over socket.io. `startedAt` ends only the
 * breakouts that started then (the timer of an earlier round must not end a later one).
 * `strict`: a LiveKit that does not answer throws `BreakoutRoomsUnavailable` before anything
 * changes (a host repeats); otherwise rooms are deleted as far as LiveKit answers, and the
 * worker's room reconciliation takes down what is left.
 */
export async function endRunningBreakouts(
  deps: TBreakoutsDeps,
  eventId: string,
  options: {
    actorId: string | null;
    reason: 'host' | 'timer' | 'lesson_ended';
    startedAt?: Date;
    strict?: boolean;
  },
): Promise<{ ended: boolean; roomsDeleted: number }> {
  let query = deps.db
    .selectFrom('breakouts')
    .select(['teamCount', 'startedAt'])
    .where('eventId', '=', eventId);
  if (options.startedAt) query = query.where('startedAt', '=', options.startedAt);
  const running = await query.executeTakeFirst();
  if (!running) return { ended: false, roomsDeleted: 0 };
  const rooms = createRoomService(deps.env);
  let roomsDeleted = 0;
  for (let i = 1; i <= running.teamCount; i++) {
    try {
      await rooms.deleteRoom(breakoutRoomName(eventId, i));
      roomsDeleted += 1;
    } catch (err) {
      if (isNotFound(err)) continue;
      if (options.strict) throw new BreakoutRoomsUnavailable('LiveKit does not answer');
    }
  }
  const ended = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('breakouts')
      .where('eventId', '=', eventId)
      .where('startedAt', '=', new Date(running.startedAt))
      .returning('teamCount')
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, {
      actorId: options.actorId,
      action: 'live.breakouts_ended',
      entity: 'event',
      entityId: eventId,
      data: { count: row.teamCount, roomsDeleted, reason: options.reason },
    });
    return true;
  });
  if (!ended) return { ended: false, roomsDeleted };
  await closeOpenSessions(deps.db, eventId, deps.now(), { breakout: 'teams' });
  await deps.redis.del(breakoutHandsKey(deps.env, eventId)).catch(() => {});
  pushBreakoutsEnded(deps, eventId);
  return { ended: true, roomsDeleted };
}
