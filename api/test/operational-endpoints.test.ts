import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

const TOKEN = randomBytes(24).toString('hex');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('operational endpoints behind METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Redis is away, so /readyz has an error to tell (or to keep to itself).
    app = await startTestApp('pglite', {
      env: { NODE_ENV: 'production', METRICS_TOKEN: TOKEN, REDIS_URL: 'redis://127.0.0.1:1' },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when /metrics is asked without the token, then it is refused; with it, it answers', async () => {
    const anonymous = await app.client().get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    expect(anonymous.text).not.toMatch(/telemost_http_request_duration_seconds/);
    expect((await app.client().request('GET', '/metrics', undefined, bearer('x'.repeat(48)))).status).toBe(
      401,
    );
    const scraped = await app.client().request('GET', '/metrics', undefined, bearer(TOKEN));
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(/telemost_http_request_duration_seconds/);
  });

  it('when /readyz is asked publicly, then it says what is not ready but not the error text', async () => {
    const open = await app.client().get('/readyz');
    expect(open.status).toBe(503);
    expect(open.json.checks.redis).toEqual({ ok: false });
    expect(open.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|timed out|error/i);
    const detailed = await app.client().request('GET', '/readyz', undefined, bearer(TOKEN));
    expect(detailed.json.checks.redis.ok).toBe(false);
    expect(detailed.json.checks.redis.error).toEqual(expect.any(String));
  });
});

describe('operational endpoints on METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { NODE_ENV: 'production', METRICS_PORT: 0 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when METRICS_PORT is set, then the app port has no /metrics and the loopback metrics port has everything', async () => {
    expect((await app.client().get('/metrics')).status).toBe(404);
    expect((await app.client().get('/readyz')).status).toBe(200);
    expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await fetch(`${app.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/telemost_/);
    const ready = (await (await fetch(`${app.metricsUrl}/readyz`)).json()) as { checks: unknown };
    expect(ready.checks).toEqual({ database: { ok: true }, redis: { ok: true } });
    expect((await fetch(`${app.metricsUrl}/api/me`)).status).toBe(404);
  });
});

describe('operational endpoints in production with neither METRICS_TOKEN nor METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when anyone asks, then there are no metrics and /readyz has no details', async () => {
    expect((await app.client().get('/metrics')).status).toBe(404);
    const ready = await app.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.livekit).toEqual({ status: expect.any(String) });
  });
});
