import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadEnv } from '@telemost/server/config/env';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from './support/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const strong = () => randomBytes(32).toString('hex');
const production = (overrides: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://telemost.example.org',
  SESSION_SECRET: strong(),
  LIVEKIT_API_KEY: 'APIabc123',
  LIVEKIT_API_SECRET: strong(),
  ...overrides,
});

function refusal(source: Record<string, string>): string {
  try {
    loadEnv(source);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('production environment', () => {
  it('when production starts with every variable unset, then it refuses, naming the dev secrets and PUBLIC_URL', () => {
    const message = refusal({ NODE_ENV: 'production' });
    for (const name of ['SESSION_SECRET', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'PUBLIC_URL']) {
      expect(message).toContain(`${name}:`);
    }
  });

  it('when production is given a placeholder or dev secret, then it refuses each one', () => {
    const livekitDev = parse(readFileSync(path.join(ROOT, 'infra/livekit/livekit.dev.yaml'), 'utf8')).keys;
    const [devKey, devSecret] = Object.entries(livekitDev)[0] as [string, string];
    const shipped = [
      'dev-only-session-secret-change-me-in-production',
      'change-me-to-a-long-random-secret-of-32-plus-chars',
      'change-me-livekit-secret-of-32-plus-chars',
      devSecret,
      'telemost-e2e-secret-not-for-production-use',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '12341234123412341234123412341234',
    ];
    for (const secret of shipped) {
      expect(refusal(production({ SESSION_SECRET: secret })), secret).toContain('SESSION_SECRET:');
      expect(refusal(production({ LIVEKIT_API_SECRET: secret })), secret).toContain('LIVEKIT_API_SECRET:');
    }
    expect(refusal(production({ LIVEKIT_API_KEY: devKey }))).toContain('LIVEKIT_API_KEY:');
    expect(refusal(production({ METRICS_TOKEN: 'change-me-metrics-token' }))).toContain('METRICS_TOKEN:');
  });

  it('when production is configured with real secrets, then it starts without demo data unless asked for', () => {
    expect(loadEnv(production()).SEED_DEMO).toBe(false);
    expect(loadEnv(production({ SEED_DEMO: 'true' })).SEED_DEMO).toBe(true);
    expect(loadEnv({}).SEED_DEMO).toBe(true);
  });
});

describe('links without PUBLIC_URL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a request carries a foreign Host header, then the feed link still names the api itself', async () => {
    const login = await app.client().post('/api/auth/login', {
      email: demoEmail('teacher', 'msk-26', 1),
      password: 'telemost-demo',
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    // fetch will not send another Host: a raw request does, as any client may.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${app.url}/api/me/calendar-token`,
        { method: 'POST', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', cookie } },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(201);
    expect(JSON.parse(body).url.startsWith(`${app.url}/api/calendar/`)).toBe(true);
  });
});
