import { Writable } from 'node:stream';
import { createLogger, redactSecrets, sanitizeUrl } from '@telemost/server/lib/logger';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('log redaction', () => {
  let app: TestApp;
  let log = '';
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    app = await startTestApp('pglite', { logger: createLogger('debug', 'telemost', stream) });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when someone signs in and uses a calendar feed, then neither the session cookie nor the feed token is in the log', async () => {
    const c = app.client();
    const login = await c.post('/api/auth/login', {
      email: 'admin@telemost.example',
      password: 'telemost-demo',
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const sid = decodeURIComponent(value).replace(/^s:/, '').split('.')[0]!;
    expect((await c.get('/api/me')).status).toBe(200);

    const teacher = await app.as(demoEmail('teacher', 'msk-26', 1));
    const feed = await teacher.post('/api/me/calendar-token');
    expect(feed.status).toBe(201);
    const url = new URL(feed.json.url);
    const token = url.pathname.match(/\/api\/calendar\/(.+)\.ics$/)![1]!;
    expect((await app.client().get(url.pathname)).status).toBe(200);
    expect((await app.client().get(`${url.pathname}?token=${token}`)).status).toBe(200);
    // A wrong token is logged (404) but not its value either.
    expect((await app.client().get(`/api/calendar/${'x'.repeat(30)}.ics`)).status).toBe(404);

    await new Promise((r) => setTimeout(r, 50));
    expect(log).toContain('/api/calendar/[redacted].ics');
    expect(log).toContain('"statusCode":200');
    for (const secret of [value, decodeURIComponent(value), sid, token, 'x'.repeat(30)]) {
      expect(log.includes(secret), `log contains ${secret}`).toBe(false);
    }
  });

  it('when the app logs an error text with a credential in it, then the credential is hidden', () => {
    app.ctx.logger.warn(
      { err: 'connect ECONNREFUSED redis://default:hunter2-pass@redis:6379' },
      'redis down',
    );
    app.ctx.logger.warn('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl leaked');
    app.ctx.logger.info({ config: { apiSecret: 'abc123-very-secret' } }, 'config');
    expect(log).not.toContain('hunter2-pass');
    expect(log).not.toContain('eyJzdWIiOiJ4In0');
    expect(log).not.toContain('abc123-very-secret');
    expect(redactSecrets('telemost.sid=s%3Aabc.def; Path=/')).toBe('telemost.sid=[redacted]; Path=/');
    expect(sanitizeUrl('/api/invitations/Zk3q9LmPq0Rr7Ss8Tt1Uu2Vv/accept?x=1')).toBe(
      '/api/invitations/[redacted]/accept?x=1',
    );
    expect(sanitizeUrl('/api/events/3f9a3c1e-1b2c-4d5e-8f90-123456789abc/join')).toBe(
      '/api/events/3f9a3c1e-1b2c-4d5e-8f90-123456789abc/join',
    );
  });
});
