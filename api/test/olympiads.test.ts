import { demoEmail } from '@telemost/server/seed/demo-data';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { pdfText } from './support/pdf-text.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MSK_T1 = demoEmail('teacher', 'msk-26', 1);
const MSK_T2 = demoEmail('teacher', 'msk-26', 2);
const KRG_T1 = demoEmail('teacher', 'krg-construction', 1);
const KRG_COORD = demoEmail('coordinator', 'krg-construction');

describe('olympiads: a two-college jury, marks, results and medals (postgres)', () => {
  let app: TestApp;
  let event: TBookedLesson;
  const clients: Record<string, TestClient> = {};
  const ids: Record<string, string> = {};
  let measured: string;
  let judged: string;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp('postgres', { now: clock.now });
    event = await bookLesson(app, {
      localStart: '2027-02-10T10:00',
      kind: 'olympiad',
      title: 'Олимпиада: сварка',
    });
    for (const email of [MSK_T1, MSK_T2, KRG_T1, KRG_COORD, event.mskStudent, event.krgStudent]) {
      clients[email] = await app.as(email);
      ids[email] = (await clients[email].get('/api/me')).json.id;
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  const base = () => `/api/events/${event.id}/olympiad`;
  const mark = (juror: string, taskId: string, competitor: string, body: Record<string, unknown>) =>
    clients[juror]!.request('PUT', `${base()}/tasks/${taskId}/marks/${ids[competitor]}`, body);

  it('when the jury comes from one college only, then 422; from both, then the olympiad is set up', async () => {
    const one = await clients[MSK_T1]!.request('PUT', base(), {
      jurorIds: [ids[MSK_T1], ids[MSK_T2]],
      chiefExpertId: ids[MSK_T1],
    });
    expect(one.status).toBe(422);
    expect(one.json.errors[0].field).toBe('jurorIds');
    const res = await clients[MSK_T1]!.request('PUT', base(), {
      jurorIds: [ids[MSK_T1], ids[MSK_T2], ids[KRG_T1], ids[KRG_COORD]],
      chiefExpertId: ids[KRG_T1],
      medals: { gold: 0.9, silver: 0.75, bronze: 0.5 },
    });
    expect(res.status).toBe(200);
    expect(res.json.jurors).toHaveLength(4);
    expect(res.json.competitors.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([ids[event.mskStudent], ids[event.krgStudent]]),
    );
  });

  it('when the chief expert adds a measured and a judged task, then both are listed with their schemes', async () => {
    const m = await clients[KRG_T1]!.post(`${base()}/tasks`, {
      title: 'Зазор шва, мм',
      kind: 'measured',
      maxScore: 10,
      scheme: { type: 'value', target: 50, tolerance: 1 },
    });
    expect(m.status).toBe(201);
    const j = await clients[KRG_T1]!.post(`${base()}/tasks`, {
      title: 'Качество шва',
      kind: 'judged',
      maxScore: 20,
    });
    expect(j.status).toBe(201);
    measured = m.json.id;
    judged = j.json.id;
    const student = await clients[event.mskStudent]!.post(`${base()}/tasks`, {
      title: 'x',
      kind: 'judged',
      maxScore: 1,
    });
    expect(student.status).toBe(403);
  });

  it('when a juror marks a competitor of their own college on a judged task, then 409 conflict_of_interest', async () => {
    const res = await mark(MSK_T1, judged, event.mskStudent, { score: 10 });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('conflict_of_interest');
    const wrong = await mark(KRG_T1, measured, event.mskStudent, { score: 5 });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['score', 'value']);
  });

  it('when one judge has marked, then the jury sees no judged score yet; when all have, then the scores are revealed together', async () => {
    expect((await mark(KRG_T1, measured, event.mskStudent, { value: 50.5 })).status).toBe(200);
    expect((await mark(MSK_T1, measured, event.krgStudent, { value: 52 })).status).toBe(200);
    expect((await mark(KRG_T1, judged, event.mskStudent, { score: 8 })).status).toBe(200);
    const live = await clients[MSK_T2]!.get(`${base()}/results`);
    expect(live.status).toBe(200);
    const msk = () =>
      live.json.results.find((r: { competitorId: string }) => r.competitorId === ids[event.mskStudent]);
    expect(msk().tasks.find((t: { taskId: string }) => t.taskId === judged)).toMatchObject({
      score: null,
      judgeScores: null,
      marksIn: 1,
      marksExpected: 2,
    });
    expect((await mark(KRG_COORD, judged, event.mskStudent, { score: 6 })).status).toBe(200);
    expect((await mark(MSK_T1, judged, event.krgStudent, { score: 9 })).status).toBe(200);
    expect((await mark(MSK_T2, judged, event.krgStudent, { score: 7 })).status).toBe(200);
    const after = await clients[MSK_T2]!.get(`${base()}/results`);
    const row = after.json.results.find(
      (r: { competitorId: string }) => r.competitorId === ids[event.mskStudent],
    );
    expect(row.tasks.find((t: { taskId: string }) => t.taskId === judged)).toMatchObject({
      score: 14,
      judgeScores: [6, 8],
    });
    expect(after.json.published).toBe(false);
  });

  it('when a juror changes a mark, then the audit says who, when and from what', async () => {
    clock.set(new Date('2027-02-10T08:00:00Z'));
    expect((await mark(KRG_T1, judged, event.mskStudent, { score: 9 })).status).toBe(200);
    const audit = await clients[MSK_T1]!.get(`${base()}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.json.at(-1)).toMatchObject({
      actorId: ids[KRG_T1],
      taskId: judged,
      competitorId: ids[event.mskStudent],
      from: { score: 8 },
      to: { score: 9 },
    });
    expect(audit.json.length).toBeGreaterThanOrEqual(7);
  });

  /** The olympiad line of the plan report, as the Moscow coordinator reads it. */
  async function olympiadPlanLine() {
    const partnershipId = (await clients[MSK_T1]!.get(`/api/events/${event.id}`)).json.partnershipId;
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    const report = await coordinator.get(`/api/partnerships/${partnershipId}/report`);
    expect(report.status).toBe(200);
    return report.json.byKind.find((k: { kind: string }) => k.kind === 'olympiad');
  }

  it('when the olympiad’s time is over but marking is open, then the plan does not count it as held', async () => {
    clock.set(new Date('2027-02-10T12:00:00Z'));
    expect(await olympiadPlanLine()).toMatchObject({ done: 0, upcoming: 1 });
  });

  it('when the chief expert closes marking, then results are published with ranks and medals, and marks are frozen', async () => {
    expect((await clients[event.krgStudent]!.get(`${base()}/results`)).status).toBe(403);
    expect((await clients[MSK_T1]!.post(`${base()}/close`)).status).toBe(403);
    const closed = await clients[KRG_T1]!.post(`${base()}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ published: true, maxTotal: 30 });
    const published = await clients[event.krgStudent]!.get(`${base()}/results`);
    expect(published.status).toBe(200);
    const find = (who: string) =>
      published.json.results.find((r: { competitorId: string }) => r.competitorId === ids[who]);
    // Moscow: 10 (50.5 within 50±1) + (9+6)/2 × 2 = 25 of 30 → 83 % → silver; Karaganda: 0 + 16 → 53 % → bronze.
    expect(find(event.mskStudent)).toMatchObject({ total: 25, rank: 1, medal: 'silver', complete: true });
    expect(find(event.krgStudent)).toMatchObject({ total: 16, rank: 2, medal: 'bronze', complete: true });
    const csv = await clients[event.krgStudent]!.get(`${base()}/results?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('Место;Участник;Зазор шва, мм;Качество шва;Итого;Медаль');
    expect(csv.text).toMatch(/\r\n1;[^;]+;10;15;25;серебро\r\n/);
    const late = await mark(KRG_T1, judged, event.mskStudent, { score: 10 });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('invalid_state');
  });

  it('when marking is closed, then the plan counts the olympiad as held', async () => {
    expect(await olympiadPlanLine()).toMatchObject({ done: 1, upcoming: 0 });
  });

  it('when the results are exported as XLSX, then the workbook read back has each task, the total, rank and medal', async () => {
    const res = await clients[event.krgStudent]!.download(`${base()}/results?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(res.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Результаты')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      'Место',
      'Участник',
      'Зазор шва, мм (10)',
      'Качество шва (20)',
      'Итого (30)',
      'Медаль',
    ]);
    expect(row(2)).toEqual([1, expect.any(String), 10, 15, 25, 'серебро']);
    expect(row(3)).toEqual([2, expect.any(String), 0, 16, 16, 'бронза']);
    const judges = workbook.getWorksheet('Оценки судей')!;
    expect((judges.getRow(2).values as unknown[]).slice(2)).toEqual(['Качество шва', '6, 9']);
  });

  it('when a host issues certificates, then each marked competitor gets one with their medal, and the PDF says so', async () => {
    const issued = await clients[MSK_T1]!.post(`/api/events/${event.id}/certificates`);
    expect(issued.status).toBe(200);
    expect(issued.json.issued).toBe(2);
    const mine = (await clients[event.mskStudent]!.get(`/api/events/${event.id}/certificates`)).json;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ basis: 'olympiad', medal: 'silver', valid: true });
    const verified = await app.client().get(`/api/certificates/${mine[0].code}`);
    expect(verified.json).toMatchObject({
      valid: true,
      basis: 'olympiad',
      result: { medal: 'silver', rank: 1, score: 25, maxScore: 30 },
      holder: { name: mine[0].holderName },
    });
    const page = await app
      .client()
      .request('GET', `/api/certificates/${mine[0].code}`, undefined, { accept: 'text/html' });
    expect(page.text).toContain('10 февраля 2027 г., 10:00 Москва · 12:00 Караганда');
    expect(page.text).toContain('Серебряная медаль · Күміс медаль · 1 место');
    const pdf = await app.client().download(`/api/certificates/${mine[0].code}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(mine[0].holderName);
    expect(text).toContain('Серебряная медаль');
    expect(text).toContain('Күміс медаль');
    expect(text).toMatch(/1 место · 25 баллов из 30/);
  });

  it('when the event is not an olympiad, then its olympiad routes answer 409', async () => {
    const lesson = await bookLesson(app, { localStart: '2027-02-11T10:00' });
    const res = await clients[MSK_T1]!.get(`/api/events/${lesson.id}/olympiad`);
    expect(res.status).toBe(409);
  });
});
