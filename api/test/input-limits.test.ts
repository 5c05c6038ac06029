import { DEMO_ADMIN_EMAIL } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

type Res = { status: number; headers: Headers; json: { errors: { field: string }[] } };

function expect422(res: Res, field: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json.errors.map((e) => e.field)).toContain(field);
}

// Monday 2027-02-08 … the demo agreement runs 2025-09-01 – 2027-06-30.
const NUL = 'BIM\u0000урок';
const LONE_SURROGATE = 'BIM \ud800 урок';

describe('input limits: text PostgreSQL can hold, sane dates, the agreement’s dates, real changes only', () => {
  let app: TestApp;
  let admin: TestClient;
  let teacher: TestClient;
  let coordinator: TestClient;
  let krgCoordinator: TestClient;
  let dir: Directory;
  let slot = 0;
  /** A fresh working-hours slot for each booking, so that they never clash. */
  const nextStart = () => {
    const day = 8 + Math.floor(slot / 4) * 7 + (slot % 4); // Mondays–Thursdays of February–May 2027
    slot++;
    const date = new Date(Date.UTC(2027, 1, day));
    return `${date.toISOString().slice(0, 10)}T10:00`;
  };
  const book = async (overrides: Record<string, unknown> = {}) => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: nextStart(), ...overrides }),
    );
    expect(res.status, res.text).toBe(201);
    return res.json.items[0] as { id: string; version: number; status: string; start: string; title: string };
  };

  beforeAll(async () => {
    app = await startTestApp('pglite', { now: () => new Date('2027-01-15T08:00:00Z') });
    admin = await app.as(DEMO_ADMIN_EMAIL);
    teacher = await app.as('teacher1.msk-26@telemost.example');
    coordinator = await app.as('coordinator.msk-26@telemost.example');
    krgCoordinator = await app.as('coordinator.krg-construction@telemost.example');
    dir = await loadDirectory(app, admin);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a text field holds a NUL or an unpaired surrogate, then 422 names that field', async () => {
    for (const bad of [NUL, LONE_SURROGATE]) {
      for (const field of ['title', 'description']) {
        expect422(await teacher.post('/api/events', lessonRequest(dir, { [field]: bad })), field);
      }
      expect422(
        await coordinator.post(
          '/api/events',
          lessonRequest(dir, { overrideCalendar: true, overrideNote: bad, localStart: '2027-02-13T10:00' }),
        ),
        'overrideNote',
      );
      const institutionId = dir.institution('msk-26').id;
      const user = {
        email: 'nul@telemost.example',
        name: 'Имя',
        role: 'teacher',
        institutionId,
        password: 'a-long-password-1',
      };
      expect422(await admin.post('/api/users', { ...user, name: bad }), 'name');
      expect422(await admin.post('/api/users', { ...user, password: `${bad}-long-enough` }), 'password');
      expect422(await admin.post('/api/auth/login', { email: 'a@b.example', password: bad }), 'password');
    }
    const event = await book();
    expect422(await teacher.patch(`/api/events/${event.id}`, { title: NUL }), 'title');
    expect422(await teacher.patch(`/api/events/${event.id}`, { description: LONE_SURROGATE }), 'description');
    expect422(await teacher.post(`/api/events/${event.id}/cancel`, { reason: NUL }), 'reason');
    // An unknown field whose name carries a NUL is named too, not stored in an audit row.
    expect422(await teacher.patch(`/api/events/${event.id}`, { [`x${NUL}`]: 1 }), `x${NUL}`);
    expect((await teacher.get(`/api/events/${event.id}`)).json.version).toBe(event.version);
  });

  it('when a query string or a path parameter holds a NUL, then 422 names it', async () => {
    expect422(await teacher.get('/api/events?kind=joint%00lesson'), 'kind');
    expect422(await teacher.get('/api/groups?institutionId=%00'), 'institutionId');
    expect422(await teacher.get('/api/events/%00'), 'id');
    expect422(await teacher.get('/api/calendar/abc%00defghijklmnopqrstuvwxyz.ics'), 'token');
  });

  it('when a date lies outside the years 1900–2200, then 422 names the field instead of a 500', async () => {
    expect422(
      await teacher.post('/api/events', lessonRequest(dir, { localStart: '9999-12-31T10:00' })),
      'localStart',
    );
    expect422(
      await teacher.post(
        '/api/events',
        lessonRequest(dir, { localStart: undefined, timeZone: undefined, start: '9999-12-31T07:00:00Z' }),
      ),
      'start',
    );
    expect422(
      await teacher.post(
        '/api/events',
        lessonRequest(dir, { localStart: nextStart(), recurrence: { weekdays: [1], until: '9999-12-31' } }),
      ),
      'recurrence.until',
    );
    expect422(await teacher.get('/api/events?from=0001-01-01T00:00:00Z'), 'from');
    expect422(await teacher.get(`/api/partnerships/${dir.partnershipId}/report?from=1000-01-01`), 'from');
    const event = await book();
    expect422(await teacher.patch(`/api/events/${event.id}`, { start: '9999-12-31T07:00:00Z' }), 'start');
  });

  it('when a booking falls outside the partnership’s validity, then 422 names start (or the series)', async () => {
    // 2027-07-05 is a Monday after the agreement's last day (2027-06-30).
    expect422(
      await teacher.post('/api/events', lessonRequest(dir, { localStart: '2027-07-05T10:00' })),
      'start',
    );
    expect422(
      await teacher.post(
        '/api/events',
        lessonRequest(dir, { localStart: '2027-06-21T10:00', recurrence: { weekdays: [1], count: 3 } }),
      ),
      'recurrence',
    );
    const event = await book();
    expect422(
      await teacher.patch(`/api/events/${event.id}`, {
        localStart: '2027-07-05T10:00',
        timeZone: 'Europe/Moscow',
      }),
      'start',
    );
    // The last day itself is fine.
    expect(
      (await teacher.post('/api/events', lessonRequest(dir, { localStart: '2027-06-30T10:00' }))).status,
    ).toBe(201);
  });

  it('when PATCH names a zone without a local start, or an unknown one, then 422 and nothing changes', async () => {
    const event = await book();
    expect422(await teacher.patch(`/api/events/${event.id}`, { timeZone: 'Mars/Olympus' }), 'timeZone');
    expect422(await teacher.patch(`/api/events/${event.id}`, { timeZone: 'Europe/Moscow' }), 'timeZone');
    expect422(
      await teacher.patch(`/api/events/${event.id}`, {
        localStart: '2027-02-10T11:00',
        timeZone: 'Mars/Olympus',
      }),
      'timeZone',
    );
    expect((await teacher.get(`/api/events/${event.id}`)).json.version).toBe(event.version);
  });

  it('when PATCH changes nothing ({}, the same start, the same title), then 200 and no version, SEQUENCE or status change', async () => {
    const event = await book();
    expect((await krgCoordinator.post(`/api/events/${event.id}/confirm`, {})).json.status).toBe('confirmed');
    const before = (await teacher.get(`/api/events/${event.id}`)).json;
    const icsBefore = (await teacher.get(`/api/events/${event.id}/ics`)).text;
    const outboxBefore = await app.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const body of [
      {},
      { start: before.start },
      { start: new Date(before.start).toISOString(), durationMinutes: before.durationMinutes },
      { title: before.title },
      { scope: 'following' },
    ]) {
      const res = await teacher.patch(`/api/events/${event.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.json.items[0]).toMatchObject({ version: before.version, status: 'confirmed' });
    }
    const after = (await teacher.get(`/api/events/${event.id}`)).json;
    expect(after).toMatchObject({ version: before.version, status: 'confirmed', start: before.start });
    expect(after.institutions.map((i: { decision: string }) => i.decision)).toEqual([
      'confirmed',
      'confirmed',
    ]);
    const sequence = (ics: string) => /SEQUENCE:(\d+)/.exec(ics)?.[1];
    expect(sequence((await teacher.get(`/api/events/${event.id}/ics`)).text)).toBe(sequence(icsBefore));
    const outboxAfter = await app.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));
    // A real change still bumps the version.
    const renamed = await teacher.patch(`/api/events/${event.id}`, { title: `${before.title} (2)` });
    expect(renamed.json.items[0].version).toBe(before.version + 1);
  });

  it('when a list repeats itself or a range runs backwards, then 422 names the field', async () => {
    const group = dir.groups('msk-26')[0]!.id;
    expect422(
      await teacher.post(
        '/api/events',
        lessonRequest(dir, { localStart: nextStart(), recurrence: { weekdays: [1, 1], count: 2 } }),
      ),
      'recurrence.weekdays',
    );
    expect422(
      await teacher.post(
        '/api/events',
        lessonRequest(dir, { groupIds: [group, group, dir.groups('krg-construction')[0]!.id] }),
      ),
      'groupIds',
    );
    expect422(
      await teacher.get(`/api/partnerships/${dir.partnershipId}/report?from=2027-03-01&to=2027-02-01`),
      'to',
    );
    expect422(
      await teacher.get(
        `/api/availability?partnershipId=${dir.partnershipId}&groupIds=${group}&durationMinutes=90&from=2027-03-01T00:00:00Z&to=2027-02-01T00:00:00Z`,
      ),
      'to',
    );
    expect422(
      await teacher.get(
        `/api/availability?partnershipId=${dir.partnershipId}&groupIds=${group},${group}&durationMinutes=90&from=2027-02-01T00:00:00Z&to=2027-02-08T00:00:00Z`,
      ),
      'groupIds',
    );
    expect422(await teacher.get('/api/events?from=2027-03-01T00:00:00Z&to=2027-02-01T00:00:00Z'), 'to');
  });
});
