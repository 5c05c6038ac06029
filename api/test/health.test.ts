import { afterAll, describe, expect, it } from 'vitest';
import { startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('readiness and LiveKit', () => {
  const apps: TestApp[] = [];
  let livekit: TestLiveKit | null = null;
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await livekit?.dispose();
  });

  it('when LiveKit does not answer, then /readyz stays 200 and names it as degraded', async () => {
    const app = await startTestApp('pglite', { env: { LIVEKIT_URL: 'ws://127.0.0.1:1' } });
    apps.push(app);
    const ready = await app.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('ready');
    expect(ready.json.degraded).toEqual(['livekit']);
    expect(ready.json.optional.livekit.ok).toBe(false);
    expect(ready.json.optional.livekit.error).toEqual(expect.any(String));
  });

  it('when LiveKit answers with our key pair, then /readyz says so', async () => {
    livekit = await startLiveKit();
    const app = await startTestApp('pglite', { env: livekit.env });
    apps.push(app);
    const ready = await app.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.degraded).toEqual([]);
    expect(ready.json.optional.livekit).toEqual({ ok: true });
  });
});
