import { randomBytes } from 'node:crypto';
import { createLogger } from '@telemost/server/lib/logger';
import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { startWorker } from '@telemost/worker';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const MSK_STUDENT = demoEmail('student', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(DRIVERS)('notifications (%s)', (driver) => {
  let app: TestApp;
  let student: TestClient;
  let teacher: TestClient;
  let studentId: string;
  const prefix = `test-notifications-${randomBytes(4).toString('hex')}`;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let dir: Directory;

  const insertFor = async (userId: string, n: number, kind = 'reminder') => {
    for (let i = 0; i < n; i++) {
      await app.ctx.db
        .insertInto('notifications')
        .values({
          userId,
          kind,
          eventId: null,
          dedupeKey: `test-${randomBytes(6).toString('hex')}`,
          payload: JSON.stringify({ title: `Notice ${i}`, body: 'Body', url: '/events/x' }),
          createdAt: new Date(Date.UTC(2027, 0, 1, 0, i)),
        })
        .execute();
    }
  };

  beforeAll(async () => {
    app = await startTestApp(driver);
    student = await app.as(MSK_STUDENT);
    teacher = await app.as(MSK_TEACHER);
    studentId = (
      await app.ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', MSK_STUDENT)
        .executeTakeFirstOrThrow()
    ).id;
    dir = await loadDirectory(app, await app.as(DEMO_ADMIN_EMAIL));
    worker = await startWorker({
      env: { ...app.ctx.env, PUBLIC_URL: 'https://telemost.test' },
      database: app.ctx.database,
      logger: createLogger('silent'),
      queuePrefix: prefix,
      config: { REMINDER_SWEEP_SECONDS: 3600 },
    });
  });

  afterAll(async () => {
    await worker?.close();
    const redis = new Redis(app.ctx.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await app?.stop();
  });

  it('when a user lists notifications, then they see only their own, newest first, with the unread count', async () => {
    await insertFor(studentId, 3);
    const res = await student.get('/api/notifications');
    expect(res.status).toBe(200);
    expect(res.json.unread).toBe(3);
    expect(res.json.items.map((n: { payload: { title: string } }) => n.payload.title)).toEqual([
      'Notice 2',
      'Notice 1',
      'Notice 0',
    ]);
    const other = await teacher.get('/api/notifications');
    expect(
      other.json.items.every((n: { payload: { title: string } }) => !n.payload.title.startsWith('Notice')),
    ).toBe(true);
  });

  it('when a user marks one read and then all, then the unread filter and count follow', async () => {
    const list = (await student.get('/api/notifications?unread=true')).json;
    const first = list.items[0];
    const read = await student.post(`/api/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.json.readAt).not.toBeNull();
    const again = await student.post(`/api/notifications/${first.id}/read`);
    expect(again.json.readAt).toBe(read.json.readAt);
    const unread = (await student.get('/api/notifications?unread=true')).json;
    expect(unread.unread).toBe(list.unread - 1);
    expect(unread.items.some((n: { id: string }) => n.id === first.id)).toBe(false);

    const all = await student.post('/api/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.json.updated).toBe(list.unread - 1);
    expect((await student.get('/api/notifications')).json.unread).toBe(0);
  });

  it('when someone marks another person’s notification, or sends a bad id or filter, then they get 404 or 422, and strangers 401', async () => {
    const mine = (await student.get('/api/notifications')).json.items[0];
    expect((await teacher.post(`/api/notifications/${mine.id}/read`)).status).toBe(404);
    const bad = await student.post('/api/notifications/not-a-uuid/read');
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('id');
    expect((await student.get('/api/notifications?unread=maybe')).status).toBe(422);
    expect((await student.get('/api/notifications?limit=0')).status).toBe(422);
    expect((await app.client().get('/api/notifications')).status).toBe(401);
  });

  it('when a Moscow teacher proposes a lesson and Karaganda confirms, then each side finds the change in its notifications, in its language', async () => {
    const booked = await teacher.post('/api/events', lessonRequest(dir, { localStart: '2027-02-17T10:00' }));
    expect(booked.status).toBe(201);
    const eventId = booked.json.items[0].id as string;
    const coordinator = await app.as(KRG_COORDINATOR);
    const proposal = await waitFor('the proposal notice', async () => {
      const items = (await coordinator.get('/api/notifications')).json.items as {
        kind: string;
        eventId: string;
        payload: { title: string; times: string; url: string };
      }[];
      return items.find((n) => n.eventId === eventId && n.kind === 'event.proposed');
    });
    expect(proposal.payload.title).toBe('Ұсыныс: бірлескен сабақ «BIM-моделирование: совместный урок»');
    expect(proposal.payload.times).toBe('12:00 Қарағанды / 10:00 Мәскеу');
    expect(proposal.payload.url).toBe(`https://telemost.test/events/${eventId}`);

    expect((await coordinator.post(`/api/events/${eventId}/confirm`)).status).toBe(200);
    const confirmed = await waitFor('the confirmation notice', async () => {
      const items = (await teacher.get('/api/notifications')).json.items as {
        kind: string;
        eventId: string;
        payload: { title: string; times: string };
      }[];
      return items.find((n) => n.eventId === eventId && n.kind === 'event.confirmed');
    });
    expect(confirmed.payload.title).toBe('Подтверждено: «BIM-моделирование: совместный урок»');
    expect(confirmed.payload.times).toBe('10:00 Москва / 12:00 Караганда');
  });
});
