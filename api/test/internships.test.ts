import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { pdfText } from './support/pdf-text.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MSK_T1 = demoEmail('teacher', 'msk-26', 1);
const MSK_COORD = demoEmail('coordinator', 'msk-26');
const KRG_T1 = demoEmail('teacher', 'krg-construction', 1);
const KRG_T2 = demoEmail('teacher', 'krg-construction', 2);

describe('internships: a programme of days, confirmed by a mentor of the host college (postgres)', () => {
  let app: TestApp;
  let event: TBookedLesson;
  const clients: Record<string, TestClient> = {};
  const ids: Record<string, string> = {};
  let krgId = '';
  let partnershipId = '';
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  const base = () => `/api/events/${event.id}/internship`;
  const programme = (mentorIds: string[]) => ({
    hostInstitutionId: krgId,
    mentorIds,
    days: [
      {
        date: '2027-02-10',
        title: 'Знакомство с мастерскими',
        sessions: [
          { title: 'Экскурсия', hours: 2, start: '10:00' },
          { title: 'Техника безопасности', hours: 2 },
        ],
      },
      { date: '2027-02-11', title: 'Открытый урок', sessions: [{ title: 'Урок и разбор', hours: 3.5 }] },
    ],
  });

  async function planLine() {
    const report = await clients[MSK_COORD]!.get(`/api/partnerships/${partnershipId}/report`);
    expect(report.status).toBe(200);
    return report.json.byKind.find((k: { kind: string }) => k.kind === 'internship');
  }

  beforeAll(async () => {
    app = await startTestApp('postgres', { now: clock.now });
    event = await bookLesson(app, {
      localStart: '2027-02-10T10:00',
      kind: 'internship',
      title: 'Стажировка мастеров: сварочное производство',
    });
    for (const email of [MSK_T1, MSK_COORD, KRG_T1, KRG_T2, event.krgStudent]) {
      clients[email] = await app.as(email);
      ids[email] = (await clients[email].get('/api/me')).json.id;
    }
    const institutions = (await clients[MSK_T1]!.get('/api/institutions')).json.items;
    krgId = institutions.find((i: { code: string }) => i.code === 'krg-construction').id;
    partnershipId = (await clients[MSK_T1]!.get(`/api/events/${event.id}`)).json.partnershipId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a mentor is not of the host college, then 422 on that mentor; else the programme is set up with its hours', async () => {
    const wrong = await clients[MSK_T1]!.request('PUT', base(), programme([ids[KRG_T1]!, ids[MSK_T1]!]));
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors.map((e: { field: string }) => e.field)).toEqual(['mentorIds.1']);
    const res = await clients[MSK_T1]!.request('PUT', base(), programme([ids[KRG_T1]!]));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      hostInstitutionId: krgId,
      plannedHours: 7.5,
      confirmedHours: 0,
      canConfirm: false,
    });
    expect(res.json.days.map((d: { hours: number }) => d.hours)).toEqual([4, 3.5]);
    expect(res.json.interns.map((i: { id: string }) => i.id)).toContain(ids[MSK_T1]);
    expect(res.json.mentors.map((m: { id: string }) => m.id)).toEqual([ids[KRG_T1]]);
    const student = await clients[event.krgStudent]!.request('PUT', base(), programme([ids[KRG_T1]!]));
    expect(student.status).toBe(403);
  });

  it('when anyone but a mentor of the host college confirms a day, then 403; the mentor, before the day, gets 409', async () => {
    const day = (await clients[KRG_T1]!.get(base())).json.days[0];
    expect((await clients[KRG_T1]!.get(base())).json.canConfirm).toBe(true);
    for (const who of [MSK_T1, MSK_COORD, KRG_T2]) {
      const res = await clients[who]!.post(`${base()}/days/${day.id}/confirm`, {});
      expect(res.status, who).toBe(403);
    }
    const early = await clients[KRG_T1]!.post(`${base()}/days/${day.id}/confirm`, {});
    expect(early.status).toBe(409);
  });

  it('when the mentor confirms the first day, then its hours count for the intern and in the plan, and the internship is not yet done', async () => {
    clock.set(new Date('2027-02-10T12:00:00Z'));
    const day = (await clients[KRG_T1]!.get(base())).json.days[0];
    const res = await clients[KRG_T1]!.post(`${base()}/days/${day.id}/confirm`, {});
    expect(res.status).toBe(200);
    expect(res.json.confirmedHours).toBe(4);
    expect(res.json.days[0]).toMatchObject({ confirmedBy: { id: ids[KRG_T1] } });
    const intern = res.json.interns.find((i: { id: string }) => i.id === ids[MSK_T1]);
    expect(intern.confirmedHours).toBe(4);
    expect(await planLine()).toMatchObject({ done: 0, upcoming: 1, hours: 4 });
    const again = await clients[KRG_T1]!.post(`${base()}/days/${day.id}/confirm`, {});
    expect(again.json.confirmedHours).toBe(4);
  });

  it('when a confirmed day is changed in the programme, then 422 and it stays as it was', async () => {
    const p = programme([ids[KRG_T1]!]);
    p.days[0]!.sessions[0]!.hours = 6;
    const res = await clients[MSK_T1]!.request('PUT', base(), p);
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toBe('days.0');
  });

  it('when certificates are asked for before every day is confirmed, then 409', async () => {
    const res = await clients[MSK_T1]!.post(`/api/events/${event.id}/certificates`);
    expect(res.status).toBe(409);
  });

  it('when every day is confirmed, then the plan counts the internship as done with its confirmed hours', async () => {
    clock.set(new Date('2027-02-11T12:00:00Z'));
    const day = (await clients[KRG_T1]!.get(base())).json.days[1];
    const res = await clients[KRG_T1]!.post(`${base()}/days/${day.id}/confirm`, {});
    expect(res.json.confirmedHours).toBe(7.5);
    expect(await planLine()).toMatchObject({ done: 1, upcoming: 0, hours: 7.5 });
  });

  it('when a host issues certificates, then the intern gets one for the confirmed hours, and the PDF read back says so', async () => {
    const issued = await clients[MSK_T1]!.post(`/api/events/${event.id}/certificates`);
    expect(issued.status).toBe(200);
    const cert = issued.json.certificates.find((c: { userId: string }) => c.userId === ids[MSK_T1]);
    expect(cert).toMatchObject({ basis: 'internship', hours: 7.5, valid: true });
    expect(issued.json.certificates.every((c: { basis: string }) => c.basis === 'internship')).toBe(true);
    const verified = await app.client().get(`/api/certificates/${cert.code}`);
    expect(verified.json).toMatchObject({ basis: 'internship', hours: 7.5, result: null });
    const pdf = await app.client().download(`/api/certificates/${cert.code}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(cert.holderName);
    expect(text).toContain('Подтверждённых часов стажировки');
    expect(text).toContain('7,5');
  });

  it('when the event is not an internship, then its internship routes answer 409', async () => {
    const lesson = await bookLesson(app, { localStart: '2027-02-15T10:00' });
    expect((await clients[MSK_T1]!.get(`/api/events/${lesson.id}/internship`)).status).toBe(409);
  });
});
