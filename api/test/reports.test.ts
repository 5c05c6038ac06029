import type { TAttendanceReport, TPartnershipReport } from '@telemost/core/schemas/live';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { postStay } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const at = (iso: string) => new Date(iso);

describe('attendance and partnership reports', () => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let upcoming: TBookedLesson;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  /** Delivers a stay (joined, then left) through the signed webhook endpoint, as LiveKit would. */
  const stay = (eventId: string, sid: string, identity: string, from: Date, to: Date) =>
    postStay(
      app.url,
      { apiKey: app.ctx.env.LIVEKIT_API_KEY, apiSecret: app.ctx.env.LIVEKIT_API_SECRET },
      eventId,
      { sid, identity, from, to },
    );

  beforeAll(async () => {
    app = await startTestApp('pglite', { now: clock.now });
    // 10:00–11:30 Moscow = 07:00–08:30Z = 12:00–13:30 Karaganda.
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    upcoming = await bookLesson(app, {
      localStart: '2027-02-24T10:00',
      kind: 'masterclass',
      title: 'Мастер-класс',
    });
    const cancelled = await bookLesson(app, { localStart: '2027-02-17T10:00' });
    const teacher = await app.as(MSK_TEACHER);
    expect((await teacher.post(`/api/events/${cancelled.id}/cancel`, { reason: 'test' })).status).toBe(200);
    await bookLesson(app, { localStart: '2027-02-18T10:00', confirm: false });

    const krg = lesson.participants.get(lesson.krgStudent)!.userId;
    const mskTeacher = lesson.participants.get(MSK_TEACHER)!.userId;
    // Two tabs of one student overlapping for ten minutes: 50 minutes present, not 60.
    await stay(lesson.id, 'PA_krg_tab1', krg, at('2027-02-10T07:00:00Z'), at('2027-02-10T07:30:00Z'));
    await stay(lesson.id, 'PA_krg_tab2', krg, at('2027-02-10T07:20:00Z'), at('2027-02-10T07:50:00Z'));
    await stay(lesson.id, 'PA_teacher', mskTeacher, at('2027-02-10T06:55:00Z'), at('2027-02-10T08:30:00Z'));
    await stay(
      lesson.id,
      'PA_visitor',
      'projector-hall-3',
      at('2027-02-10T07:05:00Z'),
      at('2027-02-10T07:10:00Z'),
    );
    clock.set(at('2027-02-10T09:00:00Z'));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('when the organiser reads the attendance, then everyone booked is listed with college, first join, last leave and merged minutes', async () => {
    const res = await (await app.as(MSK_TEACHER)).get(`/api/events/${lesson.id}/attendance`);
    expect(res.status).toBe(200);
    const report = res.json as TAttendanceReport;
    const byName = new Map(report.items.map((i) => [i.identity, i]));
    const krg = lesson.participants.get(lesson.krgStudent)!;
    expect(byName.get(krg.userId)).toMatchObject({
      role: 'student',
      institution: { code: 'krg-construction' },
      timeZone: 'Asia/Almaty',
      attended: true,
      present: false,
      firstJoinedAt: '2027-02-10T07:00:00.000Z',
      lastLeftAt: '2027-02-10T07:50:00.000Z',
      minutes: 50,
    });
    expect(byName.get(krg.userId)!.sessions).toHaveLength(2);
    expect(byName.get(lesson.participants.get(MSK_TEACHER)!.userId)).toMatchObject({
      role: 'organizer',
      minutes: 95,
    });
    expect(byName.get(lesson.participants.get(lesson.mskStudent)!.userId)).toMatchObject({
      attended: false,
      minutes: 0,
      firstJoinedAt: null,
    });
    expect(byName.get('projector-hall-3')).toMatchObject({
      userId: null,
      role: null,
      institution: null,
      minutes: 5,
    });
    const krgSide = report.byInstitution.find((s) => s.code === 'krg-construction')!;
    expect(krgSide).toMatchObject({ attended: 1, minutes: 50 });
    expect(krgSide.expected).toBe(
      [...lesson.participants.values()].filter((p) => p.institutionId === krgSide.id).length,
    );
  });

  it('when the attendance is asked for as CSV, then it has a UTF-8 BOM, a header row in the reader’s language and local times per college', async () => {
    const teacher = await app.as(MSK_TEACHER);
    // Comma-separated on request (a Russian reader's default is `;`: after-the-lesson.test.ts).
    const res = await teacher.get(`/api/events/${lesson.id}/attendance?format=csv&delimiter=comma`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?attendance-2027-02-10-[0-9a-f]{8}\.csv"?$/,
    );
    const raw = Buffer.from(
      await (
        await fetch(`${app.url}/api/events/${lesson.id}/attendance?format=csv&delimiter=comma`, {
          headers: { cookie: await cookieOf(MSK_TEACHER) },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('ФИО,Роль,Колледж,Часовой пояс,Вход,Выход,Минут,Подключений,Присутствовал,Секунд');
    expect(lines.at(-1)).toBe('');
    const krgName = (
      await app.ctx.db
        .selectFrom('users')
        .select('name')
        .where('email', '=', lesson.krgStudent)
        .executeTakeFirstOrThrow()
    ).name;
    const krgLine = lines.find((l) => l.startsWith(`${krgName},`))!;
    expect(krgLine.split(',')).toEqual([
      krgName,
      'студент',
      expect.stringContaining('Караганд'),
      'Asia/Almaty',
      '2027-02-10 12:00',
      '2027-02-10 12:50',
      '50',
      '2',
      'да',
      '3000',
    ]);
    const teacherLine = lines.find((l) => l.includes(',организатор,'))!;
    expect(teacherLine).toContain(',Europe/Moscow,2027-02-10 09:55,2027-02-10 11:30,95,1,да,5700');

    const en = await teacher.get(
      `/api/events/${lesson.id}/attendance?format=csv&lang=en&delimiter=semicolon`,
    );
    expect(en.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Name;Role;College;Time zone;Joined;Left;Minutes;Sessions;Attended;Seconds',
    );
  });

  it('when a student or a teacher of an uninvolved college asks for the attendance, then 403; the partner coordinator may read it', async () => {
    expect((await (await app.as(lesson.krgStudent)).get(`/api/events/${lesson.id}/attendance`)).status).toBe(
      403,
    );
    const other = await app.as(demoEmail('teacher', 'msk-23', 1));
    expect((await other.get(`/api/events/${lesson.id}/attendance`)).status).toBe(403);
    const partner = await app.as(demoEmail('coordinator', 'krg-construction'));
    expect((await partner.get(`/api/events/${lesson.id}/attendance?format=csv`)).status).toBe(200);
  });

  it('when a coordinator reads the partnership report, then the plan is set against what was done, with people and hours per college', async () => {
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    const res = await coordinator.get(`/api/partnerships/${await partnershipId()}/report`);
    expect(res.status).toBe(200);
    const report = res.json as TPartnershipReport;
    const lessons = report.byKind.find((k) => k.kind === 'joint_lesson')!;
    expect(lessons).toMatchObject({
      target: 12,
      done: 1,
      upcoming: 0,
      proposed: 1,
      cancelled: 1,
      declined: 0,
      hours: 1.5,
    });
    expect(lessons.planTitle?.en).toBe('Joint lessons over international telebridges');
    const masterclasses = report.byKind.find((k) => k.kind === 'masterclass');
    expect(masterclasses).toMatchObject({ target: 6, done: 0, upcoming: 1, hours: 0 });
    const krg = lessons.sides.find((s) => s.code === 'krg-construction')!;
    expect(krg).toMatchObject({ people: 1, personHours: 0.8 });
    expect(krg.expectedPeople).toBeGreaterThan(1);
    const msk = report.sides.find((s) => s.code === 'msk-26');
    expect(msk).toMatchObject({ done: 1, hours: 1.5, people: 1, personHours: 1.6 });
    expect(report.sides.find((s) => s.code === 'msk-23')).toMatchObject({ done: 0, people: 0 });
    expect(report.totals).toMatchObject({ done: 1, hours: 1.5, people: 2, personHours: 2.4 });
    expect(report.totals.target).toBe(33);
    expect(upcoming.id).toBeTruthy();
  });

  it('when the report is limited to dates, then only activities starting in them count', async () => {
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    const id = await partnershipId();
    const res = await coordinator.get(`/api/partnerships/${id}/report?from=2027-02-11&to=2027-02-28`);
    expect(res.status).toBe(200);
    expect((res.json as TPartnershipReport).byKind.find((k) => k.kind === 'joint_lesson')).toMatchObject({
      done: 0,
      cancelled: 1,
    });
    expect(res.json).toMatchObject({ from: '2027-02-11', to: '2027-02-28' });
    expect((await coordinator.get(`/api/partnerships/${id}/report?from=11.02.2027`)).status).toBe(422);
  });

  it('when a student asks for the partnership report, then 403; for an unknown partnership, 404', async () => {
    const id = await partnershipId();
    expect((await (await app.as(lesson.krgStudent)).get(`/api/partnerships/${id}/report`)).status).toBe(403);
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    expect(
      (await coordinator.get('/api/partnerships/00000000-0000-4000-8000-000000000000/report')).status,
    ).toBe(404);
  });

  async function partnershipId(): Promise<string> {
    return (await app.ctx.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id;
  }

  async function cookieOf(email: string): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'telemost-demo' }),
    });
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  }
});
