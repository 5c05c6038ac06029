import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LIVEKIT_BIN = process.env.LIVEKIT_BIN ?? path.join(ROOT, '.tools/bin/livekit-server');

/** The dev key pair of the test LiveKit servers (never a production key). */
export const E2E_LIVEKIT_KEY = 'e2ekey';
export const E2E_LIVEKIT_SECRET = 'telemost-e2e-secret-not-for-production-use';

export type RunningLiveKit = {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop: () => Promise<void>;
};

/**
 * Starts the real LiveKit server on loopback with its own ports and dev keys (never the
 * defaults a developer's `npm start` uses), optionally posting webhooks to `webhookUrl`.
 */
export async function startLiveKit(options: {
  port: number;
  udpFrom: number;
  webhookUrl?: string;
}): Promise<RunningLiveKit> {
  if (!existsSync(LIVEKIT_BIN)) {
    throw new Error(`LiveKit server not found at ${LIVEKIT_BIN}: run \`npm run livekit:install\``);
  }
  const apiKey = E2E_LIVEKIT_KEY;
  const apiSecret = E2E_LIVEKIT_SECRET;
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-livekit-'));
  const config = path.join(dir, 'livekit.yaml');
  writeFileSync(
    config,
    [
      `port: ${options.port}`,
      'bind_addresses: ["127.0.0.1"]',
      'rtc:',
      `  tcp_port: ${options.port + 1}`,
      `  port_range_start: ${options.udpFrom}`,
      `  port_range_end: ${options.udpFrom + 100}`,
      '  use_external_ip: false',
      '  node_ip: 127.0.0.1',
      '  enable_loopback_candidate: true',
      '  ips:',
      '    includes: [127.0.0.1/32]',
      'keys:',
      `  ${apiKey}: ${apiSecret}`,
      'logging:',
      '  level: warn',
      ...(options.webhookUrl
        ? ['webhook:', `  api_key: ${apiKey}`, '  urls:', `    - ${options.webhookUrl}`]
        : []),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(LIVEKIT_BIN, ['--config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const httpUrl = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`LiveKit exited: ${stderr}`);
    try {
      if ((await fetch(httpUrl)).ok) break;
    } catch {}
    if (i > 100) throw new Error(`LiveKit did not answer at ${httpUrl}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${options.port}`,
    httpUrl,
    apiKey,
    apiSecret,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // LiveKit drains rooms on SIGTERM; a test harness need not wait for that.
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
