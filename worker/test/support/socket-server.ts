import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { socketIoChannelKey } from '@telemost/server/redis/redis';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';

/**
 * A socket.io server wired like the api's (Redis adapter, one room per user), so a test can see
 * that what the worker emits reaches a real browser-side client.
 */
export async function startSocketServer(redisUrl: string, queuePrefix = 'telemost') {
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(pub, sub, { key: socketIoChannelKey(queuePrefix) }),
  });
  io.on('connection', (socket) => {
    const userId = socket.handshake.auth.userId;
    if (typeof userId === 'string') void socket.join(`user:${userId}`);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = httpServer.address() as AddressInfo;
  const clients: Socket[] = [];
  return {
    /** Connects as a user and collects every `notification` pushed to them. */
    connectAs: async (userId: string) => {
      const socket = connect(`http://127.0.0.1:${port}`, { auth: { userId }, transports: ['websocket'] });
      clients.push(socket);
      const received: unknown[] = [];
      socket.on('notification', (n: unknown) => received.push(n));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      // The join happens in the server's connection handler; one round trip makes sure it ran.
      await new Promise((r) => setTimeout(r, 50));
      return received;
    },
    close: async () => {
      for (const c of clients) c.disconnect();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
