import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export type TestRedisServer = {
  url: string;
  port: number;
  dir: string;
  /** kill -9: whatever AOF has not fsynced is lost, as in a power cut. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and directory (replaying the AOF). */
  start: () => Promise<void>;
  /** Starts it again with its files deleted: a Redis that lost everything. */
  startEmpty: () => Promise<void>;
  stop: () => Promise<void>;
  /** Sends a signal to the server (SIGSTOP freezes it with its connections open; SIGCONT thaws). */
  signal: (signal: NodeJS.Signals) => void;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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

/**
 * A `redis-server` of the test's own, on 127.0.0.1 and a free port, with AOF persistence in a
 * temporary directory, so a fault test can kill and restart it without touching anyone else's.
 */
export async function startTestRedis(
  options: { appendfsync?: 'always' | 'everysec' } = {},
): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'telemost-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        options.appendfsync ?? 'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await answers(url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${port} did not start`);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    port,
    dir,
    kill,
    start,
    startEmpty: async () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      await start();
    },
    signal: (signal) => {
      (child as ChildProcess | null)?.kill(signal);
    },
    stop: async () => {
      (child as ChildProcess | null)?.kill('SIGCONT');
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
