import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TEnv } from '@telemost/server/config/env';
import type { Logger } from '@telemost/server/lib/logger';
import { liveKitAnswers, liveKitHttpUrl } from '@telemost/server/livekit/livekit-client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Where `npm run livekit:install` puts the LiveKit server. */
export const LOCAL_LIVEKIT_BIN = path.join(ROOT, '.tools/bin/livekit-server');

/** The loopback development config (dev keys, webhook to the api on port 3000). */
export const LIVEKIT_DEV_CONFIG = path.join(ROOT, 'infra/livekit/livekit.dev.yaml');

/** What may differ from `livekit.dev.yaml` when it is reused (other ports, keys, api address). */
export type TLiveKitConfigOverrides = {
  port?: number;
  tcpPort?: number;
  udpPortRange?: { start: number; end: number };
  keys?: { apiKey: string; apiSecret: string };
  /** Where LiveKit posts webhooks; null leaves the webhook section out. */
  webhookUrl?: string | null;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
};

function replaceLine(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`livekit.dev.yaml no longer has a line matching ${pattern}`);
  return text.replace(pattern, replacement);
}

/**
 * `livekit.dev.yaml` with some values replaced. The file stays the one place the loopback setup
 * is written down; tests and `npm start` only change ports, keys, the webhook address and the
 * log level, each of which sits on a line of its own there (a missing line throws).
 */
export function renderLiveKitConfig(
  overrides: TLiveKitConfigOverrides = {},
  template = readFileSync(LIVEKIT_DEV_CONFIG, 'utf8'),
): string {
  let text = template;
  if (overrides.port !== undefined) text = replaceLine(text, /^port: \d+$/m, `port: ${overrides.port}`);
  if (overrides.tcpPort !== undefined) {
    text = replaceLine(text, /^ {2}tcp_port: \d+$/m, `  tcp_port: ${overrides.tcpPort}`);
  }
  if (overrides.udpPortRange) {
    text = replaceLine(
      text,
      /^ {2}port_range_start: \d+$/m,
      `  port_range_start: ${overrides.udpPortRange.start}`,
    );
    text = replaceLine(text, /^ {2}port_range_end: \d+$/m, `  port_range_end: ${overrides.udpPortRange.end}`);
  }
  if (overrides.keys) {
    const { apiKey, apiSecret } = overrides.keys;
    if (!/^[\w-]+$/.test(apiKey) || !/^[\w-]+$/.test(apiSecret)) {
      throw new Error(
        'LiveKit key and secret must be letters, digits, _ and - to be written into the config',
      );
    }
    text = replaceLine(text, /^(keys:\n(?:\s*#.*\n)*) {2}[\w-]+: [\w-]+$/m, `$1  ${apiKey}: ${apiSecret}`);
    text = replaceLine(text, /^ {2}api_key: [\w-]+$/m, `  api_key: ${apiKey}`);
  }
  if (overrides.webhookUrl === null) {
    text = replaceLine(text, /^webhook:\n(?:(?: {2}.*|\s*#.*)?\n)*/m, '');
  } else if (overrides.webhookUrl !== undefined) {
    text = replaceLine(text, /^ {4}- http\S*\/api\/livekit\/webhook$/m, `    - ${overrides.webhookUrl}`);
  }
  if (overrides.logLevel) {
    text = replaceLine(text, /^(logging:\n) {2}level: \w+$/m, `$1  level: ${overrides.logLevel}`);
  }
  return text;
}

export type TLiveKitProcess = {
  child: ChildProcess;
  /** The HTTP address it answers at. */
  httpUrl: string;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still draining rooms. */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * Runs a LiveKit server with the given config file and waits until it answers (or exits, or
 * `timeoutMs` passes, which both throw with what it printed).
 */
export async function spawnLiveKit(options: {
  bin?: string;
  configPath: string;
  /** The `ws://` or `http://` address the config makes it listen on. */
  url: string;
  timeoutMs?: number;
  /** Where its output goes: kept for the error message by default. */
  output?: 'capture' | 'inherit';
}): Promise<TLiveKitProcess> {
  const bin = options.bin ?? LOCAL_LIVEKIT_BIN;
  const child = spawn(bin, ['--config', options.configPath], {
    stdio: [
      'ignore',
      options.output === 'inherit' ? 'inherit' : 'pipe',
      options.output === 'inherit' ? 'inherit' : 'pipe',
    ],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + String(d)).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.once('error', (err) => {
    output += String(err);
  });
  const httpUrl = liveKitHttpUrl(options.url);
  const stop = async (graceMs = 2000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`LiveKit exited (${child.exitCode ?? child.signalCode}): ${output}`);
    }
    if (await liveKitAnswers(httpUrl, 500)) return { child, httpUrl, stop };
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`LiveKit did not answer at ${httpUrl}: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isLoopback(url: string): boolean {
  const host = new URL(liveKitHttpUrl(url)).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * For `npm start`: when nothing answers at LIVEKIT_URL (on this machine) and the server from
 * `npm run livekit:install` is there, runs it with the dev config, its webhooks pointed at this
 * api. Otherwise says how to get it. Video is the only thing that needs it: returns null and
 * leaves the rest of Telemost running when LiveKit is absent.
 */
export async function ensureLocalLiveKit(options: {
  env: TEnv;
  /** The api's own address, for the webhook. */
  apiUrl: string;
  logger: Logger;
  bin?: string;
}): Promise<TLiveKitProcess | null> {
  const { env, logger } = options;
  if (await liveKitAnswers(env.LIVEKIT_URL)) {
    logger.info({ url: env.LIVEKIT_URL }, 'using the LiveKit server that answers at LIVEKIT_URL');
    return null;
  }
  if (env.LIVEKIT_LOCAL === 'off' || !isLoopback(env.LIVEKIT_URL)) {
    logger.warn(
      { url: env.LIVEKIT_URL },
      'LiveKit does not answer: video lessons cannot start until it does',
    );
    return null;
  }
  const bin = options.bin ?? LOCAL_LIVEKIT_BIN;
  if (!existsSync(bin)) {
    console.log(
      `\nVideo telebridge: no LiveKit server answers at ${env.LIVEKIT_URL}, and none is installed.\n` +
        '  Get one with `npm run livekit:install` (builds it with Go into .tools/bin), then restart.\n' +
        '  Everything else (booking, reminders, reports) works without it.\n',
    );
    return null;
  }
  const port = Number(new URL(liveKitHttpUrl(env.LIVEKIT_URL)).port || 7880);
  const config = renderLiveKitConfig({
    port,
    tcpPort: port + 1,
    keys: { apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET },
    webhookUrl: `${options.apiUrl}/api/livekit/webhook`,
    logLevel: 'warn',
  });
  const dir = path.resolve(env.DATA_DIR, 'livekit');
  mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, 'livekit.yaml');
  writeFileSync(configPath, config, { mode: 0o600 });
  logger.info({ bin, configPath, url: env.LIVEKIT_URL }, 'starting the local LiveKit server');
  try {
    return await spawnLiveKit({ bin, configPath, url: env.LIVEKIT_URL, output: 'capture' });
  } catch (err) {
    logger.warn(
      { err: (err as Error).message },
      'the local LiveKit server did not start: video is unavailable',
    );
    return null;
  }
}
