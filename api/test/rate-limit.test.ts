import { randomUUID } from 'node:crypto';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('login limits of two deployments sharing one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { LOGIN_RATE_LIMIT: 2, LOGIN_RATE_WINDOW_SECONDS: 60 };
    a = await startTestApp('pglite', { env: { ...env, QUEUE_PREFIX: `rl-a-${process.pid}` } });
    b = await startTestApp('pglite', { env: { ...env, QUEUE_PREFIX: `rl-b-${process.pid}` } });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('when sign-ins fail against one deployment, then the same account on the other is not limited', async () => {
    const email = demoEmail('teacher', 'msk-26', 1);
    for (let i = 0; i < 3; i++) await a.client().post('/api/auth/login', { email, password: `wrong-${i}` });
    expect((await a.client().post('/api/auth/login', { email, password: 'wrong-x' })).status).toBe(429);
    const other = await b.client().post('/api/auth/login', { email, password: 'telemost-demo' });
    expect(other.status).toBe(200);
  });
});

describe('password spraying and account backoff', () => {
  let app: TestApp;
  // Behind one trusted proxy hop, each test speaks from addresses of its own (X-Forwarded-For).
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const randomAddress = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const login = (address: string, email: string, password: string) =>
    app.client().request('POST', '/api/auth/login', { email, password }, from(address));
  beforeAll(async () => {
    app = await startTestApp('pglite', {
      env: {
        TRUST_PROXY: 1,
        LOGIN_RATE_LIMIT: 3,
        LOGIN_ADDRESS_RATE_LIMIT: 5,
        LOGIN_RATE_WINDOW_SECONDS: 60,
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when one address tries one password against many accounts, then it gets 429 after the address limit', async () => {
    const address = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await login(address, `user-${randomUUID()}@telemost.example`, 'Spring2027!')).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // Another address is not affected.
    expect((await login(randomAddress(), demoEmail('teacher', 'msk-23', 2), 'telemost-demo')).status).toBe(
      200,
    );
  });

  it('when many addresses keep failing against one account, then guesses slow down but the owner still signs in from home', async () => {
    const email = demoEmail('teacher', 'msk-7', 2);
    const home = randomAddress();
    expect((await login(home, email, 'telemost-demo')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(randomAddress(), email, `guess-${i}`)).status).toBe(401);
    // A fourth address, with its own untouched limits, must wait.
    const slowed = await login(randomAddress(), email, 'guess-3');
    expect(slowed.status).toBe(429);
    expect(slowed.json.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The owner, from an address that signed in before, is not slowed.
    expect((await login(home, email, 'telemost-demo')).status).toBe(200);
  });

  it('when the backoff has passed, then one more guess is allowed, and the wait doubles', async () => {
    const email = demoEmail('teacher', 'msk-7', 1);
    for (let i = 0; i < 3; i++) expect((await login(randomAddress(), email, `guess-${i}`)).status).toBe(401);
    expect((await login(randomAddress(), email, 'guess')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(randomAddress(), email, 'guess-4')).status).toBe(401);
    const slowed = await login(randomAddress(), email, 'guess-5');
    expect(slowed.status).toBe(429);
    expect(slowed.json.retryAfterSeconds).toBe(2);
    // The owner on a new address gets through once the (short) wait is over.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await login(randomAddress(), email, 'telemost-demo')).status).toBe(200);
  });
});

describe('sign-in limits per deployment (QUEUE_PREFIX)', () => {
  let a: TestApp;
  let b: TestApp;
  const env = { TRUST_PROXY: 1, LOGIN_ADDRESS_RATE_LIMIT: 3, LOGIN_RATE_WINDOW_SECONDS: 60 } as const;
  beforeAll(async () => {
    const run = randomUUID().slice(0, 8);
    [a, b] = await Promise.all([
      startTestApp('pglite', { env: { ...env, QUEUE_PREFIX: `rl-a-${run}` } }),
      startTestApp('pglite', { env: { ...env, QUEUE_PREFIX: `rl-b-${run}` } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('when one deployment is sprayed from an address, then another deployment on the same Redis still lets that address sign in', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const headers = { 'x-forwarded-for': address };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await a
        .client()
        .request(
          'POST',
          '/api/auth/login',
          { email: `x-${randomUUID()}@telemost.example`, password: 'nope-nope' },
          headers,
        );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const other = await b
      .client()
      .request(
        'POST',
        '/api/auth/login',
        { email: demoEmail('teacher', 'msk-23', 2), password: 'telemost-demo' },
        headers,
      );
    expect(other.status).toBe(200);
  });
});
