import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson } from '../../infra/e2e/lesson.ts';
import { callAs, startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { qrFromPdf } from './support/pdf-qr.ts';

const MSK_T1 = 'teacher1.msk-26@telemost.example';
const MSK_T2 = 'teacher2.msk-26@telemost.example';
const KRG_T1 = 'teacher1.krg-construction@telemost.example';
const KRG_T2 = 'teacher2.krg-construction@telemost.example';
const MSK_COORD = 'coordinator.msk-26@telemost.example';
const LIVE = 25_000;

const call = callAs;

describe('an olympiad marked by a two-college jury, then certificates with the medal', () => {
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let eventId = '';
  const ids: Record<string, string> = {};
  let mskStudent = { id: '', name: '' };
  let krgStudent = { id: '', name: '' };
  let judged = '';
  let moscow: Page;
  let karaganda: Page;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startProduct('olympiad', { LOGIN_ADDRESS_RATE_LIMIT: '1000000', LOGIN_RATE_LIMIT: '1000' }),
      launchBrowser(),
    ]);
    const lesson = await bookConfirmedLesson(api.url, {
      startsInMinutes: 5,
      durationMinutes: 120,
      kind: 'olympiad',
      title: 'Олимпиада WorldSkills: сварочные технологии',
    });
    eventId = lesson.eventId;
    for (const email of [MSK_T1, MSK_T2, KRG_T1, KRG_T2]) {
      ids[email] = (await call(api, email, 'GET', '/api/me')).id;
    }
    const base = `/api/events/${eventId}/olympiad`;
    const set = await call(api, MSK_COORD, 'PUT', base, {
      jurorIds: [ids[MSK_T1], ids[MSK_T2], ids[KRG_T1], ids[KRG_T2]],
      chiefExpertId: ids[KRG_T1],
      medals: { gold: 0.9, silver: 0.75, bronze: 0.5 },
    });
    const institutions = (await call(api, MSK_COORD, 'GET', '/api/institutions')).items as {
      id: string;
      code: string;
    }[];
    const of = (code: string) => institutions.find((i) => i.code === code)!.id;
    type TPerson = { id: string; name: string; institutionId: string };
    mskStudent = set.competitors.find((c: TPerson) => c.institutionId === of('msk-26'));
    krgStudent = set.competitors.find((c: TPerson) => c.institutionId === of('krg-construction'));
    await call(api, KRG_T1, 'POST', `${base}/tasks`, {
      title: 'Зазор шва, мм',
      kind: 'measured',
      maxScore: 10,
      scheme: { type: 'value', target: 50, tolerance: 1 },
    });
    judged = (
      await call(api, KRG_T1, 'POST', `${base}/tasks`, {
        title: 'Качество шва',
        kind: 'judged',
        maxScore: 20,
      })
    ).id;
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const task = (page: Page, title: string) => page.getByTestId('olympiad-task').filter({ hasText: title });
  const row = (page: Page, title: string, name: string) =>
    task(page, title).getByTestId('mark-row').filter({ hasText: name });
  async function enter(page: Page, title: string, name: string, value: string) {
    const r = row(page, title, name);
    const field = r.locator('select, input');
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
    const saved = page.waitForResponse(
      (res) => res.request().method() === 'PUT' && res.url().includes('/marks/') && res.status() === 200,
    );
    await r.getByRole('button').click();
    await saved;
  }

  it('when a Moscow and a Karaganda juror mark in their own browsers, then own-college judging is refused, judged scores stay hidden until every judge has scored and are then revealed together, and medals are computed', async () => {
    moscow = (await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' })).page;
    karaganda = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(moscow, MSK_T1);
    await signInThroughUi(karaganda, KRG_T1);
    await moscow.goto(`/events/${eventId}`);
    await moscow.getByRole('link', { name: 'Олимпиада: задания, жюри и результаты' }).click();
    await moscow.waitForURL(`**/events/${eventId}/olympiad`);
    await karaganda.goto(`/events/${eventId}/olympiad`);
    await moscow.getByTestId('olympiad-task').first().waitFor();
    await karaganda.getByTestId('olympiad-task').first().waitFor();
    expect(await moscow.getByTestId('olympiad-times').textContent()).toMatch(/Москва.*Караганда/);
    expect(await karaganda.getByTestId('you-are').textContent()).toContain('бас сарапшы');

    // The own-college rule, said where a mark would go.
    expect(
      await row(moscow, 'Качество шва', mskStudent.name).getByTestId('conflict-note').textContent(),
    ).toContain('Студент вашего колледжа');
    expect(await row(karaganda, 'Качество шва', krgStudent.name).getByTestId('conflict-note').count()).toBe(
      1,
    );

    // Karaganda judges the Moscow student first: the score is hidden from the whole jury.
    await enter(karaganda, 'Качество шва', mskStudent.name, '8');
    await row(moscow, 'Качество шва', mskStudent.name)
      .getByTestId('hidden')
      .getByText('(1 из 2)')
      .waitFor({ timeout: LIVE });
    expect(await row(karaganda, 'Качество шва', mskStudent.name).getByTestId('revealed').count()).toBe(0);
    // The second Karaganda judge scores (by the api): both scores appear together in both browsers.
    await call(api, KRG_T2, 'PUT', `/api/events/${eventId}/olympiad/tasks/${judged}/marks/${mskStudent.id}`, {
      score: 6,
    });
    for (const page of [moscow, karaganda]) {
      await row(page, 'Качество шва', mskStudent.name).getByTestId('revealed').waitFor({ timeout: LIVE });
      expect(await row(page, 'Качество шва', mskStudent.name).getByTestId('revealed').textContent()).toMatch(
        /6, 8 → 14/,
      );
    }

    await enter(moscow, 'Качество шва', krgStudent.name, '9');
    await call(api, MSK_T2, 'PUT', `/api/events/${eventId}/olympiad/tasks/${judged}/marks/${krgStudent.id}`, {
      score: 7,
    });
    await enter(moscow, 'Зазор шва, мм', mskStudent.name, '50.5');
    await enter(karaganda, 'Зазор шва, мм', krgStudent.name, '52');

    // Live results for the jury: Moscow 10 + 14 = 24 of 30 (80 %) silver; Karaganda 0 + 16 (53 %) bronze.
    const result = (page: Page, name: string) => page.getByTestId('result-row').filter({ hasText: name });
    await result(moscow, krgStudent.name).getByText('Бронза').waitFor({ timeout: LIVE });
    await result(moscow, mskStudent.name).getByText('Серебро').waitFor({ timeout: LIVE });
    await result(karaganda, mskStudent.name).getByText('Күміс').waitFor({ timeout: LIVE });
    expect(await result(moscow, mskStudent.name).locator('td').first().textContent()).toBe('1');
    expect(await moscow.getByTestId('live-badge').count()).toBe(1);
    await screenshot(moscow, 'olympiad-jury-ru');
    await screenshot(karaganda, 'olympiad-jury-kk');
    expect(await seriousAxeViolations(moscow)).toEqual([]);
  });

  it('when the chief expert closes marking, then the results are published to a student, with the audit kept for the chief expert', async () => {
    await karaganda.getByRole('button', { name: 'Бағалауды жабу және жариялау' }).click();
    await karaganda.getByRole('button', { name: 'Иә, бағалауды жабу' }).click();
    await karaganda.getByTestId('published-note').waitFor();
    const audit = karaganda.getByTestId('audit-table');
    expect(await audit.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    await screenshot(karaganda, 'olympiad-results-kk');

    const student = (await newPerson(browser, api.url)).page;
    await signInThroughUi(student, 'student1.msk-26@telemost.example');
    await student.goto(`/events/${eventId}/olympiad`);
    await student.getByTestId('results-table').waitFor();
    expect(await student.getByTestId('marking-state').textContent()).toBe('Результаты опубликованы');
    await student
      .getByTestId('result-row')
      .filter({ hasText: mskStudent.name })
      .getByText('Серебро')
      .waitFor();
    expect(await student.getByTestId('olympiad-task').count()).toBe(0);
    expect(await student.getByTestId('audit-table').count()).toBe(0);
    await screenshot(student, 'olympiad-results-ru');
  });

  it('when a coordinator issues certificates, then the medal holder’s PDF carries a QR code whose page says valid, and after revoking, revoked', async () => {
    const coordinator = (await newPerson(browser, api.url)).page;
    await signInThroughUi(coordinator, MSK_COORD);
    await coordinator.goto(`/events/${eventId}`);
    await coordinator.getByRole('button', { name: 'Выдать сертификаты участникам' }).click();
    const item = coordinator.locator('.certs-list li').filter({ hasText: mskStudent.name });
    await item.waitFor();
    const pdfHref = (await item.getByRole('link', { name: 'PDF' }).getAttribute('href'))!;
    const pdf = await coordinator.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    const url = await qrFromPdf(new Uint8Array(await pdf.body()));
    expect(url).toMatch(/\/api\/certificates\/[A-Z2-7]{16}$/);
    const code = url!.split('/').at(-1)!;

    const employer = (await newPerson(browser, api.url)).page;
    await employer.goto(new URL(url!).pathname);
    await employer.getByText('Сертификат действителен').waitFor();
    expect(await employer.locator('body').textContent()).toContain(mskStudent.name);
    expect(await employer.locator('[data-medal]').textContent()).toContain('Серебряная медаль');
    await screenshot(employer, 'certificate-olympiad-valid');

    await item.getByRole('button', { name: 'Отозвать' }).click();
    await item.getByText('отозван').waitFor();
    await employer.reload();
    await employer.getByText('Сертификат отозван').waitFor();
    expect((await call(api, MSK_COORD, 'GET', `/api/certificates/${code}`)).valid).toBe(false);
  });
});

describe('an internship whose day the Karaganda mentor confirms', () => {
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let eventId = '';

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startProduct('internship', { LOGIN_ADDRESS_RATE_LIMIT: '1000000', LOGIN_RATE_LIMIT: '1000' }),
      launchBrowser(),
    ]);
    const lesson = await bookConfirmedLesson(api.url, {
      startsInMinutes: 5,
      durationMinutes: 60,
      kind: 'internship',
      title: 'Стажировка мастеров: сварочное производство',
    });
    eventId = lesson.eventId;
    const institutions = (await call(api, MSK_COORD, 'GET', '/api/institutions')).items as {
      id: string;
      code: string;
    }[];
    const mentor = (await call(api, KRG_T1, 'GET', '/api/me')).id;
    const today = DateTime.now().setZone('Asia/Almaty');
    await call(api, MSK_COORD, 'PUT', `/api/events/${eventId}/internship`, {
      hostInstitutionId: institutions.find((i) => i.code === 'krg-construction')!.id,
      mentorIds: [mentor],
      days: [
        {
          date: today.toISODate(),
          title: 'Знакомство с мастерскими',
          sessions: [
            { title: 'Экскурсия по мастерским', hours: 2, start: '10:00' },
            { title: 'Техника безопасности', hours: 2, start: '14:00' },
          ],
        },
        {
          date: today.plus({ days: 1 }).toISODate(),
          title: 'Открытый урок',
          sessions: [{ title: 'Урок и разбор', hours: 3.5, start: '11:00' }],
        },
      ],
    });
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when the intern looks, the programme shows on both clocks; when the mentor confirms today, the hours count', async () => {
    const intern = (await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' })).page;
    await signInThroughUi(intern, MSK_T1);
    await intern.goto(`/events/${eventId}`);
    await intern.getByRole('link', { name: 'Программа стажировки и часы' }).click();
    await intern.getByTestId('internship-day').first().waitFor();
    expect(await intern.getByTestId('internship-day').first().textContent()).toMatch(
      /08:00 Москва · 10:00 Караганда|10:00 Караганда · 08:00 Москва/,
    );
    expect(await intern.getByRole('button', { name: 'Подтвердить день' }).count()).toBe(0);
    expect(await intern.getByTestId('internship-hours').textContent()).toBe('Подтверждено 0 из 7,5 ч');
    await screenshot(intern, 'internship-intern-ru');

    const mentor = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(mentor, KRG_T1);
    await mentor.goto(`/events/${eventId}/internship`);
    const days = mentor.getByTestId('internship-day');
    await days.first().waitFor();
    expect(await days.nth(1).getByRole('button', { name: 'Күнді растау' }).count()).toBe(0);
    await days.first().getByRole('button', { name: 'Күнді растау' }).click();
    await days.first().getByText('Күн расталды').waitFor();
    expect(await mentor.getByTestId('internship-hours').textContent()).toBe('7,5 сағаттан 4 расталды');
    expect(await seriousAxeViolations(mentor)).toEqual([]);
    await screenshot(mentor, 'internship-mentor-kk');
    await intern.reload();
    await intern.getByTestId('intern-row').first().waitFor();
    expect(await intern.getByTestId('intern-row').first().textContent()).toContain('4 из 7,5 ч');
  });
});
