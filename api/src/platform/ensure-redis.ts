import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@telemost/server/lib/logger';
import { DEFAULT_REDIS_URL } from '@telemost/server/redis/redis';
import { Redis } from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export type EnsuredRedis = { url: string; child: ChildProcess | null };

/**
 * Finds Redis for `npm start`: REDIS_URL when set; else 127.0.0.1:6379; else, when `redis-server`
 * is installed, starts one on 127.0.0.1:6379 with AOF persistence under the data directory.
 */
export async function ensureRedis(opts: {
  redisUrl?: string;
  dataDir: string;
  logger: Logger;
}): Promise<EnsuredRedis> {
  const url = opts.redisUrl ?? DEFAULT_REDIS_URL;
  if (await answers(url)) return { url, child: null };
  if (opts.redisUrl) {
    throw new Error(
      `Redis at REDIS_URL (${opts.redisUrl}) does not answer. Start it, or unset REDIS_URL to use a local one.`,
    );
  }
  const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!installed) {
    throw new Error(
      'Telemost needs Redis and none answers at 127.0.0.1:6379. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) or set REDIS_URL.',
    );
  }
  const dir = path.resolve(opts.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  opts.logger.info({ dir }, 'starting a local redis-server with AOF persistence');
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      '6379',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('Started redis-server but it did not answer within 5 s');
}
