import { Emitter } from '@socket.io/redis-emitter';
import type { TRealtime } from '@telemost/api/context';
import type { Logger } from '@telemost/api/lib/logger';
import type { Redis } from 'ioredis';

/**
 * Pushes to browsers through the api's socket.io servers: the emitter publishes on the Redis
 * channel the socket.io Redis adapter listens to, so every api instance delivers to its sockets.
 * A push is best effort (the notification row is the record); a failed publish is logged, never
 * thrown, because the emitter does not await its own promises.
 */
export function createRealtimeEmitter(redis: Redis, logger: Logger): TRealtime {
  const client = {
    publish: (channel: string, message: string | Buffer) =>
      redis.publish(channel, message).catch((err: Error) => {
        logger.warn({ err: err.message }, 'socket.io push failed');
        return 0;
      }),
  };
  const emitter = new Emitter(client);
  return {
    toUser: (userId, event, payload) => void emitter.to(`user:${userId}`).emit(event, payload),
    toEvent: (eventId, event, payload) => void emitter.to(`event:${eventId}`).emit(event, payload),
  };
}
