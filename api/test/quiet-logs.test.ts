import { Writable } from 'node:stream';
import { chooseLogFormat, createLogger, prettyStream } from '@telemost/server/lib/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

function collector() {
  const out = { text: '' };
  const stream = new Writable({
    write(chunk, _enc, done) {
      out.text += chunk.toString();
      done();
    },
  });
  return { out, stream };
}

describe('quiet terminals', () => {
  it('when nothing is asked, then a terminal gets human lines and production or a pipe gets JSON', () => {
    expect(chooseLogFormat({ format: 'auto', nodeEnv: 'development', isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ format: 'auto', nodeEnv: 'development', isTTY: false })).toBe('json');
    expect(chooseLogFormat({ format: 'auto', nodeEnv: 'production', isTTY: true })).toBe('json');
    expect(chooseLogFormat({ format: 'pretty', nodeEnv: 'production', isTTY: false })).toBe('pretty');
    expect(chooseLogFormat({ format: 'json', nodeEnv: 'development', isTTY: true })).toBe('json');
  });

  it('when the format is pretty, then a line is human text, not JSON, and secrets are still hidden', async () => {
    const { out, stream } = collector();
    const logger = createLogger('info', 'telemost', prettyStream(false, stream));
    logger.info({ url: 'http://127.0.0.1:3000', password: 'hunter2-secret' }, 'Telemost api listening');
    await new Promise((r) => setTimeout(r, 50));
    expect(out.text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(telemost\): Telemost api listening/);
    expect(out.text).not.toContain('{"level"');
    expect(out.text).not.toContain('hunter2-secret');
  });

  describe('request logs', () => {
    let app: TestApp;
    const lines: Array<{ level: number; msg: string; res?: { statusCode: number } }> = [];
    beforeAll(async () => {
      const { out, stream } = collector();
      app = await startTestApp('pglite', { logger: createLogger('debug', 'telemost', stream) });
      Object.defineProperty(lines, 'load', {
        value: () => {
          lines.length = 0;
          for (const l of out.text.split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        },
      });
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('when a request succeeds, then its line is at debug; a refused one at warn', async () => {
      expect((await app.client().get('/api/openapi.json')).status).toBe(200);
      expect((await app.client().get('/api/me')).status).toBe(401);
      await new Promise((r) => setTimeout(r, 50));
      (lines as unknown as { load: () => void }).load();
      const done = lines.filter((l) => l.res?.statusCode !== undefined);
      expect(done.find((l) => l.res!.statusCode === 200)?.level).toBe(20);
      expect(done.find((l) => l.res!.statusCode === 401)?.level).toBe(40);
    });
  });
});
