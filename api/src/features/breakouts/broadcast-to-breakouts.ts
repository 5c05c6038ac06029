import type { TActor } from '@telemost/core/permissions';
import { breakoutRoomName } from '@telemost/core/schemas/classroom';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import { DataPacket_Kind } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadBreakouts } from './breakouts.repository.ts';
import { encoder, unavailable } from './breakouts-live.ts';

/** A host's message to every team: a LiveKit data message (topic `broadcast`) in each team's room, and a socket.io push. */
export async function broadcastToBreakouts(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  message: string,
): Promise<{ delivered: number; rooms: number }> {
  await requireHost(ctx, actor, eventId);
  const loaded = await loadBreakouts(ctx.db, eventId);
  if (!loaded) throw new AppError('invalid_state', 'No breakouts are running');
  const from = await ctx.db
    .selectFrom('users')
    .select('name')
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  const at = ctx.now().toISOString();
  const payload = encoder.encode(JSON.stringify({ message, fromName: from.name, at }));
  const rooms = createRoomService(ctx.env);
  let delivered = 0;
  for (let i = 1; i <= loaded.teamCount; i++) {
    try {
      await rooms.sendData(breakoutRoomName(eventId, i), payload, DataPacket_Kind.RELIABLE, {
        topic: 'broadcast',
      });
      delivered += 1;
    } catch (err) {
      // A team's room nobody joined yet may be gone (empty timeout); its members get the push.
      if (!isNotFound(err)) throw unavailable();
    }
  }
  ctx.realtime?.toEvent(eventId, 'breakouts:broadcast', { eventId, message, fromName: from.name, at });
  return { delivered, rooms: loaded.teamCount };
}
