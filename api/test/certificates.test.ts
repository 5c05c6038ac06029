import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { postWebhook, startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { pdfText } from './support/pdf-text.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

let livekit: TestLiveKit;
beforeAll(async () => {
  livekit = await startLiveKit();
});
afterAll(async () => {
  await livekit?.dispose();
});

describe('certificates from real attendance (postgres)', () => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let teacher: TestClient;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  /** A signed LiveKit webhook about the lesson's room, as LiveKit posts it. */
  async function webhook(event: string, userId: string, sid: string, joinedAt: Date, at: Date) {
    await postWebhook(app.url, livekit, event, {
      room: lesson.id,
      createdAt: at,
      participant: { sid, identity: userId, joinedAt },
    });
  }

  let stayed: { userId: string; name: string };
  let leftEarly: { userId: string };

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: livekit.env, now: clock.now });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00', title: 'Сварка: основы' });
    teacher = await app.as(MSK_TEACHER);
    const krg = lesson.participants.get(lesson.krgStudent)!;
    const msk = lesson.participants.get(lesson.mskStudent)!;
    const user = await app.ctx.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', krg.userId)
      .executeTakeFirstOrThrow();
    stayed = { userId: krg.userId, name: user.name };
    leftEarly = { userId: msk.userId };
    const start = lesson.start;
    // The Karaganda student stays 70 of 90 minutes (78 %), the Moscow one 30 (33 %).
    clock.set(new Date(start.getTime() + MIN));
    await webhook('participant_joined', krg.userId, 'PA_krg', start, new Date(start.getTime() + MIN));
    await webhook('participant_joined', msk.userId, 'PA_msk', start, new Date(start.getTime() + MIN));
    clock.set(new Date(start.getTime() + 80 * MIN));
    await webhook('participant_left', msk.userId, 'PA_msk', start, new Date(start.getTime() + 30 * MIN));
    await webhook('participant_left', krg.userId, 'PA_krg', start, new Date(start.getTime() + 70 * MIN));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the event is not over yet, then issuing answers 409', async () => {
    const res = await teacher.post(`/api/events/${lesson.id}/certificates`);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('invalid_state');
  });

  it('when a host issues after the end, then only who attended at least 60 % gets one, and issuing again adds none', async () => {
    clock.set(new Date(lesson.end.getTime() + 5 * MIN));
    const res = await teacher.post(`/api/events/${lesson.id}/certificates`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ minShare: 0.6, issued: 1 });
    expect(res.json.certificates).toHaveLength(1);
    expect(res.json.certificates[0]).toMatchObject({
      userId: stayed.userId,
      holderName: stayed.name,
      hours: 1.2,
      valid: true,
    });
    expect(res.json.certificates.some((c: { userId: string }) => c.userId === leftEarly.userId)).toBe(false);
    const again = await (await app.as(KRG_COORDINATOR)).post(`/api/events/${lesson.id}/certificates`);
    expect(again.json).toMatchObject({ issued: 0 });
    expect(again.json.certificates[0].code).toBe(res.json.certificates[0].code);
    // The student sees their own; the one who left early sees none.
    expect(
      (await (await app.as(lesson.krgStudent)).get(`/api/events/${lesson.id}/certificates`)).json,
    ).toHaveLength(1);
    expect(
      (await (await app.as(lesson.mskStudent)).get(`/api/events/${lesson.id}/certificates`)).json,
    ).toEqual([]);
  });

  it('when anyone verifies the code, then JSON says who, what, when, hours and valid, and a browser gets a page', async () => {
    const [cert] = (await teacher.get(`/api/events/${lesson.id}/certificates`)).json;
    const res = await app.client().get(`/api/certificates/${cert.code}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      code: cert.code,
      valid: true,
      revokedAt: null,
      holder: { name: stayed.name },
      event: {
        id: lesson.id,
        title: 'Сварка: основы',
        kind: 'joint_lesson',
        start: lesson.start.toISOString(),
      },
      hours: 1.2,
      verifyUrl: `${app.ctx.env.PUBLIC_URL}/api/certificates/${cert.code}`,
    });
    expect(res.json.institutions).toHaveLength(2);
    const page = await app
      .client()
      .request('GET', `/api/certificates/${cert.code.toLowerCase()}`, undefined, {
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(stayed.name);
    expect(page.text).toContain('действителен');
  });

  it('when the PDF is downloaded, then it parses back with the holder’s Cyrillic name, both languages, both colleges and the link', async () => {
    const [cert] = (await teacher.get(`/api/events/${lesson.id}/certificates`)).json;
    const res = await fetch(`${app.url}/api/certificates/${cert.code}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain(stayed.name);
    expect(text).toContain('СЕРТИФИКАТ УЧАСТНИКА');
    // The Karaganda student's locale is Kazakh: the second language is Kazakh, with its letters.
    expect(text).toContain('ҚАТЫСУШЫ СЕРТИФИКАТЫ');
    expect(text).toContain('Сварка: основы');
    expect(text).toMatch(/Москва/);
    expect(text).toMatch(/Караганд/);
    expect(text).toContain(`/api/certificates/${cert.code}`);
  });

  it('when a teacher or a coordinator of another college revokes, then 403; when the event’s coordinator does, then valid:false with revokedAt', async () => {
    const [cert] = (await teacher.get(`/api/events/${lesson.id}/certificates`)).json;
    expect((await teacher.post(`/api/certificates/${cert.code}/revoke`)).status).toBe(403);
    const outsider = await app.as(demoEmail('coordinator', 'msk-7'));
    expect((await outsider.post(`/api/certificates/${cert.code}/revoke`)).status).toBe(403);
    const res = await (await app.as(KRG_COORDINATOR)).post(`/api/certificates/${cert.code}/revoke`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ valid: false, revokedAt: expect.any(String) });
    const verified = await app.client().get(`/api/certificates/${cert.code}`);
    expect(verified.json).toMatchObject({ valid: false, revokedAt: res.json.revokedAt });
    const pdf = await app.client().get(`/api/certificates/${cert.code}/pdf`);
    expect(pdf.status).toBe(410);
    expect(pdf.json.code).toBe('certificate_revoked');
    // Issuing again does not bring a revoked certificate back.
    const again = await teacher.post(`/api/events/${lesson.id}/certificates`);
    expect(again.json.issued).toBe(0);
    expect(again.json.certificates[0].valid).toBe(false);
  });

  it('when a code is malformed or unknown, then 422 or 404, never 500', async () => {
    expect((await app.client().get('/api/certificates/not-a-code')).status).toBe(422);
    expect((await app.client().get('/api/certificates/AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await app.client().get('/api/certificates/AAAAAAAAAAAAAAAA/pdf')).status).toBe(404);
  });
});
