import { randomUUID } from 'node:crypto';
import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

type Role = 'admin' | 'coordinator' | 'teacher' | 'student' | 'guest';
type Scope = 'own' | 'other';
type Endpoint = {
  name: string;
  call: (c: TestClient, institutionId: string, ctx: MatrixContext) => Promise<{ status: number }>;
  expected: Record<Role, Record<Scope, number>>;
};

const all = (status: number) => ({ own: status, other: status });

/** Ids the calls need: the partnership and one group per college. */
type MatrixContext = {
  partnershipId: string;
  groupOf: (institutionId: string) => string;
  partnerGroup: string;
};

/** Each role × own or other college × each endpoint: the status the api must answer. */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/me',
    call: (c) => c.get('/api/me'),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(200),
      guest: all(200),
    },
  },
  {
    name: 'GET /api/users',
    call: (c, id) => c.get(`/api/users?institutionId=${id}`),
    expected: {
      admin: all(200),
      // The other college is a partner: staff see its teachers and coordinators (checked below).
      coordinator: all(200),
      teacher: all(200),
      student: all(403),
      guest: all(403),
    },
  },
  {
    name: 'POST /api/users',
    call: (c, id) =>
      c.post('/api/users', {
        email: `new-${randomUUID()}@telemost.example`,
        name: 'Новый преподаватель',
        role: 'teacher',
        institutionId: id,
        password: 'a-long-password-1',
      }),
    expected: {
      admin: all(201),
      coordinator: { own: 201, other: 403 },
      teacher: all(403),
      student: all(403),
      guest: all(403),
    },
  },
  {
    name: 'GET /api/institutions',
    call: (c) => c.get('/api/institutions'),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(200),
      guest: all(200),
    },
  },
  {
    name: 'GET /api/partnerships',
    call: (c) => c.get('/api/partnerships'),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(200),
      guest: all(200),
    },
  },
  {
    name: 'GET /api/events',
    call: (c, id) => c.get(`/api/events?institutionId=${id}`),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(200),
      guest: all(200),
    },
  },
  {
    name: 'GET /api/availability',
    call: (c, id, ctx) =>
      c.get(
        `/api/availability?partnershipId=${ctx.partnershipId}&groupIds=${ctx.groupOf(id)},${ctx.partnerGroup}&durationMinutes=90&from=2027-04-05T00:00:00Z&to=2027-04-10T00:00:00Z`,
      ),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(403),
      guest: all(403),
    },
  },
  {
    name: 'POST /api/me/calendar-token',
    call: (c) => c.post('/api/me/calendar-token', {}),
    expected: {
      admin: all(201),
      coordinator: all(201),
      teacher: all(201),
      student: all(201),
      guest: all(201),
    },
  },
  {
    name: 'GET /api/groups',
    call: (c, id) => c.get(`/api/groups?institutionId=${id}`),
    expected: {
      admin: all(200),
      coordinator: all(200),
      teacher: all(200),
      student: all(200),
      guest: all(200),
    },
  },
];

describe('authorization matrix', () => {
  let app: TestApp;
  let own: string;
  let other: string;
  let matrix: MatrixContext;
  const clients = new Map<Role, TestClient>();

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const admin = await app.as(DEMO_ADMIN_EMAIL);
    const institutions = (await admin.get('/api/institutions')).json.items as { id: string; code: string }[];
    own = institutions.find((i) => i.code === 'msk-26')!.id;
    other = institutions.find((i) => i.code === 'krg-construction')!.id;
    const guest = await admin.post('/api/users', {
      email: 'guest.msk-26@telemost.example',
      name: 'Гость',
      role: 'guest',
      institutionId: own,
      password: 'guest-password-1',
    });
    expect(guest.status).toBe(201);
    const groups = (await admin.get('/api/groups')).json.items as { id: string; institutionId: string }[];
    const partnershipId = (await admin.get('/api/partnerships')).json.items[0].id as string;
    const msk23 = institutions.find((i) => i.code === 'msk-23')!.id;
    matrix = {
      partnershipId,
      groupOf: (id) => groups.find((g) => g.institutionId === id)!.id,
      partnerGroup: groups.find((g) => g.institutionId === msk23)!.id,
    };
    clients.set('admin', admin);
    clients.set('coordinator', await app.as(demoEmail('coordinator', 'msk-26')));
    clients.set('teacher', await app.as(demoEmail('teacher', 'msk-26', 1)));
    clients.set('student', await app.as(demoEmail('student', 'msk-26', 1)));
    clients.set('guest', await app.as('guest.msk-26@telemost.example', 'guest-password-1'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const endpoint of ENDPOINTS) {
    it(`when anyone calls ${endpoint.name} without signing in, then 401`, async () => {
      expect((await endpoint.call(app.client(), own, matrix)).status).toBe(401);
    });
    for (const role of ['admin', 'coordinator', 'teacher', 'student', 'guest'] as const) {
      for (const scope of ['own', 'other'] as const) {
        const want = endpoint.expected[role][scope];
        it(`when a ${role} calls ${endpoint.name} for the ${scope} college, then ${want}`, async () => {
          const res = await endpoint.call(clients.get(role)!, scope === 'own' ? own : other, matrix);
          expect(res.status).toBe(want);
        });
      }
    }
  }

  it('when a coordinator tries to create an administrator in their own college, then 403', async () => {
    const res = await clients.get('coordinator')!.post('/api/users', {
      email: `root-${randomUUID()}@telemost.example`,
      name: 'Захватчик',
      role: 'admin',
      institutionId: own,
      password: 'a-long-password-1',
    });
    expect(res.status).toBe(403);
  });

  it('when a teacher lists users, then they see all of their own college but only the teachers and coordinators of partner colleges', async () => {
    const res = await clients.get('teacher')!.get('/api/users');
    expect(res.status).toBe(200);
    const items = res.json.items as { institutionId: string; role: string; email: string }[];
    const mine = items.filter((u) => u.institutionId === own);
    const partners = items.filter((u) => u.institutionId !== own);
    expect(mine.some((u) => u.role === 'student')).toBe(true);
    expect(partners.some((u) => u.institutionId === other && u.role === 'teacher')).toBe(true);
    expect(partners.every((u) => u.role === 'teacher' || u.role === 'coordinator')).toBe(true);

    const partnerTeachers = await clients
      .get('teacher')!
      .get(`/api/users?institutionId=${other}&role=teacher`);
    expect(partnerTeachers.json.items.length).toBeGreaterThan(0);
    const partnerStudents = await clients
      .get('teacher')!
      .get(`/api/users?institutionId=${other}&role=student`);
    expect(partnerStudents.status).toBe(200);
    expect(partnerStudents.json.items).toEqual([]);
  });

  it('when a teacher asks for the people of a college outside every partnership of theirs, then 403', async () => {
    const outsider = await app.ctx.db
      .insertInto('institutions')
      .values({
        code: `outside-${randomUUID().slice(0, 8)}`,
        name: JSON.stringify({ ru: 'Сторонний колледж', kk: 'Бөгде колледж', en: 'Outside college' }),
        city: JSON.stringify({ ru: 'Омск', kk: 'Омбы', en: 'Omsk' }),
        country: 'RU',
        timeZone: 'Asia/Omsk',
        workingHours: JSON.stringify({}),
        lessonPeriods: JSON.stringify([]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await clients.get('teacher')!.get(`/api/users?institutionId=${outsider.id}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('when a student lists groups of another college, then only their own groups come back', async () => {
    const res = await clients.get('student')!.get(`/api/groups?institutionId=${other}`);
    expect(res.json.items.every((g: { institutionId: string }) => g.institutionId === own)).toBe(true);
  });
});
