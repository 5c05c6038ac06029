import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZEnvSchema } from '@telemost/server/config/env';
import { createLogger } from '@telemost/server/lib/logger';
import { liveKitAnswers } from '@telemost/server/livekit/livekit-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import {
  ensureLocalLiveKit,
  LIVEKIT_DEV_CONFIG,
  renderLiveKitConfig,
  type TLiveKitProcess,
} from '../src/features/livekit/local-livekit.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const logger = createLogger('silent');

describe('LiveKit dev config', () => {
  it('when the dev config is read, then it is loopback-only, keyed like the api defaults and posts webhooks to the api', () => {
    const config = parse(readFileSync(LIVEKIT_DEV_CONFIG, 'utf8'));
    const defaults = ZEnvSchema.parse({});
    expect(config).toMatchObject({
      port: 7880,
      bind_addresses: ['127.0.0.1'],
      rtc: {
        tcp_port: 7881,
        port_range_start: 50000,
        port_range_end: 50100,
        use_external_ip: false,
        node_ip: '127.0.0.1',
        enable_loopback_candidate: true,
        ips: { includes: ['127.0.0.1/32'] },
      },
      keys: { [defaults.LIVEKIT_API_KEY]: defaults.LIVEKIT_API_SECRET },
      webhook: { api_key: defaults.LIVEKIT_API_KEY, urls: ['http://127.0.0.1:3000/api/livekit/webhook'] },
    });
    expect(config.redis).toBeUndefined();
    expect(defaults.LIVEKIT_URL).toBe('ws://127.0.0.1:7880');
  });

  it('when ports, keys, the webhook and the log level are overridden, then only those values change', () => {
    const config = parse(
      renderLiveKitConfig({
        port: 17880,
        tcpPort: 17881,
        udpPortRange: { start: 41000, end: 41050 },
        keys: { apiKey: 'k1', apiSecret: 's'.repeat(40) },
        webhookUrl: 'http://127.0.0.1:3999/api/livekit/webhook',
        logLevel: 'warn',
      }),
    );
    expect(config).toMatchObject({
      port: 17880,
      bind_addresses: ['127.0.0.1'],
      rtc: { tcp_port: 17881, port_range_start: 41000, port_range_end: 41050, node_ip: '127.0.0.1' },
      keys: { k1: 's'.repeat(40) },
      webhook: { api_key: 'k1', urls: ['http://127.0.0.1:3999/api/livekit/webhook'] },
      logging: { level: 'warn' },
    });
    expect(Object.keys(config.keys)).toEqual(['k1']);
    expect(parse(renderLiveKitConfig({ webhookUrl: null })).webhook).toBeUndefined();
  });

  it('when the template lost a line an override needs, then rendering throws instead of silently ignoring it', () => {
    expect(() => renderLiveKitConfig({ port: 1 }, 'rtc:\n  tcp_port: 7881\n')).toThrow(/port/);
  });
});

describe('npm start and LiveKit', () => {
  const started: TLiveKitProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });
  const envFor = (port: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'telemost-start-'));
    dirs.push(dir);
    return ZEnvSchema.parse({ LIVEKIT_URL: `ws://127.0.0.1:${port}`, DATA_DIR: dir });
  };

  it('when the server is not installed, then start says how to get it and goes on without video', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const result = await ensureLocalLiveKit({
      env: envFor(await freePort()),
      apiUrl: 'http://127.0.0.1:3000',
      logger,
      bin: '/nonexistent/livekit-server',
    });
    expect(result).toBeNull();
    expect(log.mock.calls.flat().join('\n')).toContain('npm run livekit:install');
  });

  it('when the server is installed and nothing answers, then start runs it with webhooks to this api; when one answers, then it is used as it is', async () => {
    const port = await freePort();
    const env = envFor(port);
    const running = await ensureLocalLiveKit({ env, apiUrl: 'http://127.0.0.1:3456', logger });
    expect(running).not.toBeNull();
    started.push(running!);
    expect(await liveKitAnswers(env.LIVEKIT_URL)).toBe(true);
    const written = parse(readFileSync(path.join(env.DATA_DIR, 'livekit', 'livekit.yaml'), 'utf8'));
    expect(written).toMatchObject({
      port,
      webhook: { urls: ['http://127.0.0.1:3456/api/livekit/webhook'], api_key: env.LIVEKIT_API_KEY },
    });

    expect(await ensureLocalLiveKit({ env, apiUrl: 'http://127.0.0.1:3456', logger })).toBeNull();
    await running!.stop();
    expect(await liveKitAnswers(env.LIVEKIT_URL)).toBe(false);
  });

  it('when LIVEKIT_LOCAL is off or LiveKit is remote, then start does not run one', async () => {
    const port = await freePort();
    const off = { ...envFor(port), LIVEKIT_LOCAL: 'off' as const };
    expect(await ensureLocalLiveKit({ env: off, apiUrl: 'http://127.0.0.1:3000', logger })).toBeNull();
    const remote = { ...envFor(port), LIVEKIT_URL: 'wss://video.invalid' };
    expect(await ensureLocalLiveKit({ env: remote, apiUrl: 'http://127.0.0.1:3000', logger })).toBeNull();
    expect(await liveKitAnswers(`ws://127.0.0.1:${port}`)).toBe(false);
  });
});
