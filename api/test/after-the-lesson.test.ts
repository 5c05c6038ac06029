import type { TPartnershipReport } from '@telemost/core/schemas/live';
import { demoEmail } from '@telemost/server/seed/demo-data';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../src/lib/xlsx.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { postStay, startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_TEACHER = demoEmail('teacher', 'krg-construction', 1);
const at = (iso: string) => new Date(iso);

/** The cells of a sheet's rows as plain values (row 1 is the header). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** A wall-clock date cell read back: `2027-02-10 10:00`. */
const wall = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : v);

describe('after the lesson: held at once, attendance for teachers, CSV for Excel, XLSX', () => {
  let app: TestApp;
  let livekit: TestLiveKit;
  let lesson: TBookedLesson;
  let partnershipId: string;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  const stay = (sid: string, identity: string, from: Date, to: Date) =>
    postStay(app.url, livekit, lesson.id, { sid, identity, from, to });

  async function workbookOf(email: string, path: string) {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email, password: 'telemost-demo' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    return { workbook, disposition: res.headers.get('content-disposition') };
  }

  beforeAll(async () => {
    livekit = await startLiveKit();
    app = await startTestApp('pglite', { env: livekit.env, now: clock.now });
    // 10:00–11:30 Moscow = 07:00–08:30Z = 12:00–13:30 Karaganda.
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    partnershipId = (
      await app.ctx.db
        .selectFrom('events')
        .select('partnershipId')
        .where('id', '=', lesson.id)
        .executeTakeFirstOrThrow()
    ).partnershipId as string;
    const krg = lesson.participants.get(lesson.krgStudent)!.userId;
    await stay('PA_krg', krg, at('2027-02-10T07:00:00Z'), at('2027-02-10T07:40:00Z'));
    clock.set(at('2027-02-10T07:45:00Z'));
  });
  afterAll(async () => {
    await app?.stop();
    await livekit?.dispose();
  });

  it('when a host ends the lesson early, then the plan report counts it as held at once, for the time it ran', async () => {
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    const before = (await coordinator.get(`/api/partnerships/${partnershipId}/report`))
      .json as TPartnershipReport;
    expect(before.byKind.find((k) => k.kind === 'joint_lesson')).toMatchObject({ done: 0, upcoming: 1 });

    expect((await (await app.as(MSK_TEACHER)).post(`/api/events/${lesson.id}/end`)).status).toBe(200);
    const after = (await coordinator.get(`/api/partnerships/${partnershipId}/report`))
      .json as TPartnershipReport;
    // 07:00–07:45Z: three quarters of an hour, not the 1.5 booked.
    expect(after.byKind.find((k) => k.kind === 'joint_lesson')).toMatchObject({
      done: 1,
      upcoming: 0,
      hours: 0.8,
    });
    expect(after.totals).toMatchObject({ done: 1, people: 1 });
    const event = await coordinator.get(`/api/events/${lesson.id}`);
    expect(event.json.endedAt).toBe('2027-02-10T07:45:00.000Z');
  });

  it('when a teacher of the lesson’s colleges reads its attendance, then she gets it; a student does not', async () => {
    for (const email of [MSK_TEACHER, KRG_TEACHER]) {
      const res = await (await app.as(email)).get(`/api/events/${lesson.id}/attendance`);
      expect(res.status, email).toBe(200);
      expect(res.json.items.some((i: { attended: boolean }) => i.attended)).toBe(true);
    }
    expect((await (await app.as(lesson.krgStudent)).get(`/api/events/${lesson.id}/attendance`)).status).toBe(
      403,
    );
  });

  it('when a Russian or Kazakh reader downloads the CSV, then it is separated by semicolons; English by commas; ?delimiter overrides', async () => {
    const teacher = await app.as(MSK_TEACHER);
    const head = async (query: string) =>
      (await teacher.get(`/api/events/${lesson.id}/attendance?format=csv${query}`)).text
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0];
    expect(await head('')).toBe(
      'ФИО;Роль;Колледж;Часовой пояс;Вход;Выход;Минут;Подключений;Присутствовал;Секунд',
    );
    expect(await head('&lang=kk')).toMatch(/^Аты-жөні;Рөлі;/);
    expect(await head('&lang=en')).toMatch(/^Name,Role,College,/);
    expect(await head('&delimiter=comma')).toMatch(/^ФИО,Роль,/);
    expect(await head('&lang=en&delimiter=semicolon')).toMatch(/^Name;Role;/);
  });

  it('when the attendance is downloaded as XLSX, then exceljs reads back a header in the reader’s language and times on both clocks', async () => {
    const { workbook, disposition } = await workbookOf(
      MSK_TEACHER,
      `/api/events/${lesson.id}/attendance?format=xlsx`,
    );
    expect(disposition).toMatch(/attendance-2027-02-10-[0-9a-f]{8}\.xlsx/);
    const sheet = workbook.getWorksheet('Посещаемость')!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual([
      'ФИО',
      'Роль',
      'Колледж',
      'Вход (Москва)',
      'Вход (Караганда)',
      'Выход (Москва)',
      'Выход (Караганда)',
      'Минут',
      'Подключений',
      'Присутствовал',
      'Секунд',
    ]);
    const student = rows.find((r) => r[1] === 'студент' && r[9] === 'да')!;
    expect(String(student[2])).toContain('Караганд');
    expect(student.slice(3, 7).map(wall)).toEqual([
      '2027-02-10 10:00',
      '2027-02-10 12:00',
      '2027-02-10 10:40',
      '2027-02-10 12:40',
    ]);
    expect(student.slice(7)).toEqual([40, 1, 'да', 2400]);
    expect(sheet.getCell('D2').numFmt).toBe('dd.mm.yyyy hh:mm');
    const absent = rows.find((r) => r[9] === 'нет')!;
    expect(absent[3]).toBeUndefined();

    const kk = await workbookOf(KRG_TEACHER, `/api/events/${lesson.id}/attendance?format=xlsx&lang=kk`);
    expect(rowsOf(kk.workbook.getWorksheet('Қатысу')!)[0]).toContain('Кірді (Қарағанды)');
  });

  it('when the plan report is downloaded as XLSX, then it has the plan by kind, the colleges, and each activity on both clocks', async () => {
    const { workbook, disposition } = await workbookOf(
      demoEmail('coordinator', 'krg-construction'),
      `/api/partnerships/${partnershipId}/report?format=xlsx&lang=ru`,
    );
    expect(disposition).toMatch(/plan-report-.+\.xlsx/);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['План', 'Колледжи', 'Мероприятия']);
    const [planHead, ...plan] = rowsOf(workbook.getWorksheet('План')!);
    expect(planHead).toEqual([
      'Мероприятие',
      'По плану',
      'Проведено',
      'Предстоит',
      'Ожидает ответа',
      'Отклонено',
      'Отменено',
      'Часов',
    ]);
    expect(plan.find((r) => String(r[0]).startsWith('Совместн'))).toEqual([
      expect.any(String),
      12,
      1,
      0,
      0,
      0,
      0,
      0.8,
    ]);
    expect(plan.at(-1)![0]).toBe('Итого');
    const [actHead, ...acts] = rowsOf(workbook.getWorksheet('Мероприятия')!);
    // The reader is in Karaganda: her clock first.
    expect(actHead).toEqual([
      'Название',
      'Вид',
      'Состояние',
      'Начало (Караганда)',
      'Конец (Караганда)',
      'Начало (Москва)',
      'Конец (Москва)',
      'Минут',
    ]);
    expect(acts).toHaveLength(1);
    expect(acts[0]!.slice(2).map(wall)).toEqual([
      'Проведено',
      '2027-02-10 12:00',
      '2027-02-10 12:45',
      '2027-02-10 10:00',
      '2027-02-10 10:45',
      45,
    ]);
    const [, ...colleges] = rowsOf(workbook.getWorksheet('Колледжи')!);
    const json = (await (await app.as(MSK_TEACHER)).get(`/api/partnerships/${partnershipId}/report`))
      .json as TPartnershipReport;
    expect(colleges).toHaveLength(json.sides.length);
    // College, held, hours, people, person-hours, booked: the Karaganda student was there 40 minutes.
    expect(colleges.find((r) => String(r[0]).includes('Караганд'))!.slice(1, 5)).toEqual([1, 0.8, 1, 0.7]);
  });

  it('when a student asks for the plan workbook, then 403 problem+json, not a file', async () => {
    const res = await (await app.as(lesson.krgStudent)).get(
      `/api/partnerships/${partnershipId}/report?format=xlsx`,
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
