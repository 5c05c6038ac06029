import { randomBytes } from 'node:crypto';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { lessonRequest, loadDirectory } from './support/scheduling.ts';
import { connectSocket, sessionCookie } from './support/socket-client.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const EVIL = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

describe('cross-site request forgery', () => {
  let app: TestApp;
  let coordinator: TestClient;
  let coordinatorId: string;
  let eventId: string;

  const unread = async () =>
    (
      await app.ctx.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('userId', '=', coordinatorId)
        .where('readAt', 'is', null)
        .executeTakeFirstOrThrow()
    ).n;
  const feedToken = async () =>
    (
      await app.ctx.db
        .selectFrom('users')
        .select('calendarToken')
        .where('id', '=', coordinatorId)
        .executeTakeFirstOrThrow()
    ).calendarToken;
  const status = async () =>
    (
      await app.ctx.db
        .selectFrom('events')
        .select('status')
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow()
    ).status;

  beforeAll(async () => {
    app = await startTestApp('pglite', { attachRealtime });
    const teacher = await app.as(demoEmail('teacher', 'msk-26', 1));
    const dir = await loadDirectory(app, await app.as('admin@telemost.example'));
    const booked = await teacher.post('/api/events', lessonRequest(dir));
    expect(booked.status).toBe(201);
    eventId = booked.json.id ?? booked.json.items[0].id;
    coordinator = await app.as(demoEmail('coordinator', 'krg-construction'));
    coordinatorId = await dir.teacherId(demoEmail('coordinator', 'krg-construction'));
    for (let i = 0; i < 2; i++) {
      await app.ctx.db
        .insertInto('notifications')
        .values({
          userId: coordinatorId,
          kind: 'reminder',
          eventId: null,
          dedupeKey: `csrf-${randomBytes(6).toString('hex')}`,
          payload: JSON.stringify({ title: 'Notice', body: 'Body', url: '/events/x' }),
          createdAt: new Date(),
        })
        .execute();
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when another site posts a form to mark notifications read, then it is refused and nothing is read', async () => {
    const res = await coordinator.request('POST', '/api/notifications/read-all', 'x=1', {
      ...EVIL,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.json.code).toBe('cross_site_refused');
    expect(Number(await unread())).toBe(2);
  });

  it('when another site posts text/plain to create a feed link, then it is refused and no token is made', async () => {
    const before = await feedToken();
    const res = await coordinator.request('POST', '/api/me/calendar-token', 'hello', {
      ...EVIL,
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(403);
    expect(await feedToken()).toBe(before);
  });

  it('when another site sends a bodiless decline, then it is refused and the event stays proposed', async () => {
    const res = await coordinator.request('POST', `/api/events/${eventId}/decline`, undefined, EVIL);
    expect(res.status).toBe(403);
    // Sec-Fetch-Site alone (no Origin) is refused too, and so is Origin: null.
    const siteOnly = await coordinator.request('POST', `/api/events/${eventId}/decline`, undefined, {
      'sec-fetch-site': 'cross-site',
    });
    expect(siteOnly.status).toBe(403);
    const nullOrigin = await coordinator.request('POST', `/api/events/${eventId}/decline`, undefined, {
      origin: 'null',
    });
    expect(nullOrigin.status).toBe(403);
    expect(await status()).toBe('proposed');
  });

  it('when a bodiless route gets a form or text body without any Origin, then it is 415 and nothing changes', async () => {
    for (const [path, type] of [
      ['/api/notifications/read-all', 'application/x-www-form-urlencoded'],
      ['/api/me/calendar-token', 'text/plain'],
      [`/api/events/${eventId}/decline`, 'text/plain'],
    ] as const) {
      const res = await coordinator.request('POST', path, 'x=1', { 'content-type': type });
      expect(res.status, path).toBe(415);
    }
    expect(Number(await unread())).toBe(2);
    expect(await status()).toBe('proposed');
  });

  it('when another site opens a socket with the victim cookie, then the handshake is refused', async () => {
    const cookie = await sessionCookie(app.url, demoEmail('coordinator', 'krg-construction'));
    await expect(connectSocket(app.url, cookie, { origin: 'https://evil.example' })).rejects.toThrow();
    const own = await connectSocket(app.url, cookie, { origin: app.url });
    own.close();
  });

  it('when the app itself sends them, then they work', async () => {
    const same = { origin: new URL(app.url).origin, 'sec-fetch-site': 'same-origin' };
    expect((await coordinator.request('POST', '/api/notifications/read-all', undefined, same)).status).toBe(
      200,
    );
    expect(Number(await unread())).toBe(0);
    expect((await coordinator.request('POST', '/api/me/calendar-token', undefined, same)).status).toBe(201);
    expect((await coordinator.request('POST', `/api/events/${eventId}/decline`, {}, same)).status).toBe(200);
    expect(await status()).toBe('declined');
  });
});
