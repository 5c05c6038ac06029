import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MSK_COORDINATOR = demoEmail('coordinator', 'msk-26');

describe.each(['pglite', 'postgres'] as const)('Idempotency-Key on writes that create, on %s', (driver) => {
  let app: TestApp;
  let coordinator: TestClient;
  let admin: TestClient;
  let dir: Directory;
  let n = 0;
  const key = () => `test-${driver}-${++n}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    app = await startTestApp(driver);
    admin = await app.as(DEMO_ADMIN_EMAIL);
    dir = await loadDirectory(app, admin);
    coordinator = await app.as(MSK_COORDINATOR);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const eventsAt = async (title: string) =>
    (await app.ctx.db.selectFrom('events').select('id').where('title', '=', title).execute()).map(
      (r) => r.id,
    );

  it('when a booking is retried with the same key and body, then the first answer is replayed and it is booked once', async () => {
    const k = key();
    const body = lessonRequest(dir, { localStart: '2027-06-09T10:00', title: `idem replay ${k}` });
    const first = await coordinator.request('POST', '/api/events', body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    const again = await coordinator.request('POST', '/api/events', body, { 'idempotency-key': k });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.items[0].id).toBe(first.json.items[0].id);
    expect(again.json).toEqual(first.json);
    expect(await eventsAt(body.title as string)).toEqual([first.json.items[0].id]);
  });

  it('when duplicates with one key arrive at once, then exactly one booking is made and none fails with a 5xx', async () => {
    const k = key();
    const body = lessonRequest(dir, { localStart: '2027-06-10T10:00', title: `idem race ${k}` });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        coordinator.request('POST', '/api/events', body, { 'idempotency-key': k }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    for (const s of statuses) expect([201, 409]).toContain(s);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of created) expect(a.json.items[0].id).toBe(created[0]!.json.items[0].id);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.json.code).toBe('idempotency_in_progress');
    expect(await eventsAt(body.title as string)).toHaveLength(1);
  });

  it('when the same key comes with another body, then it is refused with 422 naming the header and nothing is booked', async () => {
    const k = key();
    const body = lessonRequest(dir, { localStart: '2027-06-11T10:00', title: `idem other ${k}` });
    expect((await coordinator.request('POST', '/api/events', body, { 'idempotency-key': k })).status).toBe(
      201,
    );
    const other = { ...body, localStart: '2027-06-11T12:00', title: `idem other 2 ${k}` };
    const res = await coordinator.request('POST', '/api/events', other, { 'idempotency-key': k });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.code).toBe('idempotency_key_reused');
    expect(res.json.errors[0].field).toBe('Idempotency-Key');
    expect(await eventsAt(other.title)).toEqual([]);
  });

  it('when a keyed write fails, then the key is free and a retry runs it again', async () => {
    const k = key();
    const body = lessonRequest(dir, { localStart: '2027-06-15T10:00', title: `idem fail ${k}` });
    const blocker = await coordinator.post('/api/events', { ...body, title: `blocker ${k}` });
    expect(blocker.status).toBe(201);
    const clash = await coordinator.request('POST', '/api/events', body, { 'idempotency-key': k });
    expect(clash.status).toBe(409);
    expect(clash.json.code).toBe('booking_conflict');
    expect((await coordinator.post(`/api/events/${blocker.json.items[0].id}/cancel`, {})).status).toBe(200);
    const retry = await coordinator.request('POST', '/api/events', body, { 'idempotency-key': k });
    expect(retry.status).toBe(201);
  });

  it('when another user sends the same key, then it is their own key: no replay of someone else’s answer', async () => {
    const k = key();
    const a = await coordinator.request('POST', '/api/me/calendar-token', undefined, {
      'idempotency-key': k,
    });
    const b = await admin.request('POST', '/api/me/calendar-token', undefined, { 'idempotency-key': k });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.url).not.toBe(a.json.url);
    const a2 = await coordinator.request('POST', '/api/me/calendar-token', undefined, {
      'idempotency-key': k,
    });
    expect(a2.json.url).toBe(a.json.url);
  });

  it('when an account creation is retried with its key, then one account exists and the replay answers 201', async () => {
    const k = key();
    const body = {
      email: `idem-${k}@telemost.example`,
      name: 'Idem User',
      role: 'teacher',
      institutionId: dir.institution('msk-26').id,
      password: 'a-long-enough-password',
    };
    const first = await admin.request('POST', '/api/users', body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    const again = await admin.request('POST', '/api/users', body, { 'idempotency-key': k });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
  });

  it('when the key is malformed, then 422 names the header', async () => {
    const res = await coordinator.request('POST', '/api/me/calendar-token', undefined, {
      'idempotency-key': 'has space',
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toBe('Idempotency-Key');
  });
});
