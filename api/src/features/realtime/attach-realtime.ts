import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import {
  parseServerEvent,
  type TClientToServerEvents,
  type TServerEventName,
  type TServerEventPayload,
  type TServerToClientEvents,
} from '@telemost/core/contracts/realtime';
import type { TActor } from '@telemost/core/permissions';
import { type TEventWatchAck, ZEventWatchSchema } from '@telemost/core/schemas/live';
import { loadRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { findActor } from '@telemost/server/live/live-seat';
import type { TRealtime } from '@telemost/server/realtime/realtime';
import { DEFAULT_REDIS_URL, socketIoChannelKey } from '@telemost/server/redis/redis';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { CreatedApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { crossSiteRefusal } from '../../lib/same-origin.ts';
import { canWatchEvent } from './can-watch-event.ts';

export const SOCKET_PATH = '/socket.io';

type TSocketData = { actor: TActor };
type TAck = (reply: TEventWatchAck) => void;

/** A socket's handshake request, after express-session ran on it. */
type TSessionRequest = { session?: { userId?: string } };

/** Publishes never reject unobserved: the adapter does not await them, and a push is best effort. */
function quietPublisher(redis: Redis, ctx: AppContext): Redis {
  const publish = redis.publish.bind(redis) as (channel: string, message: string | Buffer) => Promise<number>;
  (redis as unknown as { publish: typeof publish }).publish = (channel, message) =>
    publish(channel, message).catch((err: Error) => {
      ctx.logger.warn({ err: err.message }, 'socket.io publish failed');
      return 0;
    });
  return redis;
}

/**
 * The socket.io server of the api, on the same origin at `/socket.io`. A connection is accepted
 * only with a valid session cookie (the app's own express-session middleware runs on the
 * handshake); each socket joins `user:<id>`, and `event:watch` adds `event:<id>` for people who may
 * follow that event. The Redis adapter makes a message emitted on any api instance (or by the
 * worker's emitter) reach sockets on every instance. Pass to `startServer({ attachRealtime })`.
 */
export async function attachRealtime(
  server: http.Server,
  created: CreatedApp,
  ctx: AppContext,
): Promise<{ realtime: TRealtime; close: () => Promise<void> }> {
  const pub = quietPublisher(
    new Redis(ctx.env.REDIS_URL ?? DEFAULT_REDIS_URL, {
      maxRetriesPerRequest: 3,
      connectionName: 'telemost-io-pub',
    }),
    ctx,
  );
  const sub = pub.duplicate({ connectionName: 'telemost-io-sub' });
  for (const client of [pub, sub]) {
    client.on('error', (err) => ctx.logger.warn({ err: err.message }, 'socket.io redis connection error'));
  }
  const io = new Server<TClientToServerEvents, TServerToClientEvents, Record<string, never>, TSocketData>(
    server,
    {
      path: SOCKET_PATH,
      serveClient: false,
      adapter: createAdapter(pub, sub, { key: socketIoChannelKey(ctx.env.QUEUE_PREFIX) }),
      // The session cookie rides along on any handshake: a page on another site must not open one.
      allowRequest: (req, callback) => {
        const refusal = crossSiteRefusal(ctx.env, req.headers);
        if (refusal)
          ctx.logger.warn({ origin: req.headers.origin }, 'socket.io handshake refused: cross-site');
        callback(refusal, refusal === null);
      },
    },
  );
  io.engine.use(created.sessionMiddleware);
  io.use(async (socket, next) => {
    try {
      const userId = (socket.request as unknown as TSessionRequest).session?.userId;
      const actor = userId ? await findActor(ctx.db, userId) : undefined;
      if (!actor) return next(new Error('unauthenticated'));
      socket.data.actor = actor;
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });

  const onWatch = async (
    socket: Socket<TClientToServerEvents, TServerToClientEvents, Record<string, never>, TSocketData>,
    payload: unknown,
    ack: TAck | undefined,
  ) => {
    const reply = (r: TEventWatchAck) => (typeof ack === 'function' ? ack(r) : undefined);
    const parsed = ZEventWatchSchema.safeParse(payload);
    if (!parsed.success)
      return reply({ ok: false, code: 'validation_failed', message: 'eventId must be an id' });
    const { eventId } = parsed.data;
    // Re-read the account: a socket outlives a disabled account or a changed role otherwise.
    const actor = await findActor(ctx.db, socket.data.actor.id);
    if (!actor || !(await canWatchEvent(ctx.db, actor, eventId))) {
      return reply({ ok: false, code: 'forbidden', message: 'You cannot follow this event' });
    }
    await socket.join(`event:${eventId}`);
    const roomStatus = await loadRoomStatus(ctx.db, eventId);
    if (roomStatus) reply({ ok: true, roomStatus });
  };

  io.on('connection', (socket) => {
    void socket.join(`user:${socket.data.actor.id}`);
    socket.on('event:watch', (payload: unknown, ack?: TAck) => {
      onWatch(socket, payload, ack).catch((err: Error) => {
        ctx.logger.warn({ err: err.message }, 'event:watch failed');
        if (typeof ack === 'function') ack({ ok: false, code: 'internal', message: 'Please try again' });
      });
    });
    socket.on('event:unwatch', (payload: unknown) => {
      const parsed = ZEventWatchSchema.safeParse(payload);
      if (parsed.success) void socket.leave(`event:${parsed.data.eventId}`);
    });
  });

  // The sender validates too: a message outside the contract is logged and not sent.
  const emit = <E extends TServerEventName>(room: string, event: E, payload: TServerEventPayload<E>) => {
    const parsed = parseServerEvent(event, payload);
    if (!parsed.success) {
      ctx.logger.error({ event, err: parsed.error }, 'socket.io message outside the contract; not sent');
      return;
    }
    (io.to(room).emit as (e: E, p: TServerEventPayload<E>) => boolean)(event, parsed.data);
  };
  const realtime: TRealtime = {
    toUser: (userId, event, payload) => emit(`user:${userId}`, event, payload),
    toEvent: (eventId, event, payload) => emit(`event:${eventId}`, event, payload),
  };
  return {
    realtime,
    close: async () => {
      // Not io.close(): that would also close the HTTP server, which startServer closes itself.
      io.disconnectSockets(true);
      io.engine.close();
      await io.of('/').adapter.close();
      await Promise.all([pub.quit().catch(() => {}), sub.quit().catch(() => {})]);
    },
  };
}
