import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../src/seed/demo-data.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('login rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { LOGIN_RATE_LIMIT: 3, LOGIN_RATE_WINDOW_SECONDS: 60 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when one address keeps guessing a password, then it gets 429 after the limit, even with the right one', async () => {
    const email = `victim-${randomUUID()}@telemost.example`;
    const c = app.client();
    for (let i = 0; i < 3; i++) {
      expect((await c.post('/api/auth/login', { email, password: `guess-${i}` })).status).toBe(401);
    }
    const blocked = await c.post('/api/auth/login', { email, password: 'guess-4' });
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe('rate_limited');
    expect(blocked.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('when another account signs in from the same address, then its own budget applies', async () => {
    const res = await app
      .client()
      .post('/api/auth/login', { email: demoEmail('teacher', 'msk-23', 1), password: 'telemost-demo' });
    expect(res.status).toBe(200);
  });
});
