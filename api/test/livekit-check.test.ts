import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '@telemost/server/lib/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('info', 'telemost', stream) };
}

async function readyLiveKit(app: TestApp, status: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ready = (await app.client().get('/readyz')).json;
    if (ready.livekit?.status === status) return ready;
    if (Date.now() > deadline) throw new Error(`livekit never became ${status}: ${JSON.stringify(ready)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('LiveKit key pair check', () => {
  let livekit: TestLiveKit;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    livekit = await startLiveKit();
  });
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await livekit?.dispose();
  });

  it('when the api has the wrong secret, then it still starts, logs what is wrong once, and /readyz says misconfigured', async () => {
    const log = capture();
    const app = await startTestApp('pglite', {
      logger: log.logger,
      env: { ...livekit.env, LIVEKIT_API_SECRET: randomBytes(24).toString('hex'), LIVEKIT_CHECK_SECONDS: 1 },
    });
    apps.push(app);
    const ready = await readyLiveKit(app, 'misconfigured');
    expect(ready.status).toBe('ready');
    expect(ready.livekit.detail).toContain(`LIVEKIT_API_KEY=${livekit.apiKey}`);
    await new Promise((r) => setTimeout(r, 2500));
    const said = log.lines.filter((l) => l.includes('LiveKit is misconfigured'));
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0]!).level).toBe(50);
    expect(log.lines.join('\n')).not.toContain(app.ctx.env.LIVEKIT_API_SECRET);
  });

  it('when the key pair is right and LiveKit goes away later, then that is reported once, and its return too', async () => {
    const log = capture();
    const app = await startTestApp('pglite', {
      logger: log.logger,
      env: { ...livekit.env, LIVEKIT_CHECK_SECONDS: 1 },
    });
    apps.push(app);
    await readyLiveKit(app, 'ok');
    await livekit.stop();
    const ready = await readyLiveKit(app, 'unreachable');
    expect(ready.status).toBe('ready');
    await new Promise((r) => setTimeout(r, 2500));
    expect(log.lines.filter((l) => l.includes('LiveKit is unreachable'))).toHaveLength(1);
    await livekit.start();
    await readyLiveKit(app, 'ok');
    expect(log.lines.filter((l) => l.includes('LiveKit accepts the key pair'))).toHaveLength(2);
  });
});
