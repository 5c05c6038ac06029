import { Emitter } from '@socket.io/redis-emitter';
import {
  parseServerEvent,
  type TServerEventName,
  type TServerEventPayload,
  type TServerToClientEvents,
} from '@telemost/core/contracts/realtime';
import type { Logger } from '@telemost/server/lib/logger';
import type { TRealtime } from '@telemost/server/realtime/realtime';
import { socketIoChannelKey } from '@telemost/server/redis/redis';
import type { Redis } from 'ioredis';

/** The worker's pushes: fire-and-forget ones, and one that says whether the publish went out. */
export type TWorkerRealtime = TRealtime & {
  /**
   * Publishes to a user's sockets and resolves once Redis took the message; rejects when it did
   * not (Redis away, or no answer within PUSH_TIMEOUT_MS), so the caller can retry the push.
   */
  pushToUser: <E extends TServerEventName>(
    userId: string,
    event: E,
    payload: TServerEventPayload<E>,
  ) => Promise<void>;
};

const PUSH_TIMEOUT_MS = 5000;

/**
 * Pushes to browsers through the api's socket.io servers: the emitter publishes on the Redis
 * channel the socket.io Redis adapter listens to (under QUEUE_PREFIX, see `socketIoChannelKey`),
 * so every api instance delivers to its sockets. `toUser`/`toEvent` are best effort: a failed
 * publish is logged, never thrown, because the emitter does not await its own promises.
 * `pushToUser` is for pushes that must arrive (a notification): it reports the outcome.
 */
export function createRealtimeEmitter(
  redis: Redis,
  logger: Logger,
  queuePrefix = 'telemost',
): TWorkerRealtime {
  const key = socketIoChannelKey(queuePrefix);
  const client = {
    publish: (channel: string, message: string | Buffer) =>
      redis.publish(channel, message).catch((err: Error) => {
        logger.warn({ err: err.message }, 'socket.io push failed');
        return 0;
      }),
  };
  const emitter = new Emitter<TServerToClientEvents>(client, { key });
  // Validated against core's socket.io contract before it leaves: the web parses with the same schema.
  const emit = <E extends TServerEventName>(room: string, event: E, payload: TServerEventPayload<E>) => {
    const parsed = parseServerEvent(event, payload);
    if (!parsed.success) {
      logger.error({ event, err: parsed.error }, 'socket.io message outside the contract; not sent');
      return;
    }
    (emitter.to(room).emit as (e: E, p: TServerEventPayload<E>) => boolean)(event, parsed.data);
  };
  return {
    toUser: (userId, event, payload) => emit(`user:${userId}`, event, payload),
    toEvent: (eventId, event, payload) => emit(`event:${eventId}`, event, payload),
    pushToUser: async <E extends TServerEventName>(
      userId: string,
      event: E,
      payload: TServerEventPayload<E>,
    ) => {
      let sent: Promise<number> | undefined;
      const once = new Emitter<TServerToClientEvents>(
        {
          publish: (channel: string, message: string | Buffer) => {
            sent = redis.publish(channel, message);
            return sent.catch(() => 0);
          },
        },
        { key },
      );
      const parsed = parseServerEvent(event, payload);
      if (!parsed.success) throw new Error(`socket.io message outside the contract: ${parsed.error}`);
      (once.to(`user:${userId}`).emit as (e: E, p: TServerEventPayload<E>) => boolean)(event, parsed.data);
      if (!sent) throw new Error('socket.io emitter published nothing');
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sent,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`push took longer than ${PUSH_TIMEOUT_MS} ms`)),
              PUSH_TIMEOUT_MS,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
