import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('draining before shutdown', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the api is draining, then /readyz answers 503 so the balancer moves away, and answers close their connection while still served', async () => {
    const c = app.client();
    expect((await c.get('/readyz')).status).toBe(200);
    app.ctx.draining = true;
    try {
      const ready = await c.get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json.status).toBe('draining');
      const health = await c.get('/healthz');
      expect(health.status).toBe(200);
      expect(health.headers.get('connection')).toBe('close');
    } finally {
      app.ctx.draining = false;
    }
  });
});
