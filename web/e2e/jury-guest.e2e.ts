import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson } from '../../infra/e2e/lesson.ts';
import type { RunningLiveKit } from '../../infra/e2e/livekit.ts';
import { callAs, startLiveProduct } from './support/api.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const LIVEKIT_PORT = 7984;
const MSK_T1 = 'teacher1.msk-26@telemost.example';
const KRG_T1 = 'teacher1.krg-construction@telemost.example';
const KRG_COORD = 'coordinator.krg-construction@telemost.example';

const call = callAs;

describe('a juror invited by link, without an account, marks the olympiad from the invitation page', () => {
  let api: RunningApi;
  let lk: RunningLiveKit;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let eventId = '';
  let judged = '';
  type TPerson = { id: string; name: string; institutionId: string };
  let mskStudent: TPerson;
  let krgStudent: TPerson;

  beforeAll(async () => {
    ({ api, lk } = await startLiveProduct(
      'jury-guest',
      { port: LIVEKIT_PORT, udpFrom: 55000 },
      { LOGIN_ADDRESS_RATE_LIMIT: '1000000', LOGIN_RATE_LIMIT: '1000' },
    ));
    browser = await launchBrowser({ fakeMedia: true });
    eventId = (
      await bookConfirmedLesson(api.url, {
        startsInMinutes: 5,
        durationMinutes: 120,
        kind: 'olympiad',
        title: 'Олимпиада WorldSkills: электромонтаж',
      })
    ).eventId;
    const ids: Record<string, string> = {};
    for (const email of [MSK_T1, KRG_T1]) ids[email] = (await call(api, email, 'GET', '/api/me')).id;
    const base = `/api/events/${eventId}/olympiad`;
    const set = await call(api, MSK_T1, 'PUT', base, {
      jurorIds: [ids[MSK_T1], ids[KRG_T1]],
      chiefExpertId: ids[KRG_T1],
    });
    const institutions = (await call(api, MSK_T1, 'GET', '/api/institutions')).items as {
      id: string;
      code: string;
    }[];
    const of = (code: string) => institutions.find((i) => i.code === code)!.id;
    mskStudent = set.competitors.find((c: TPerson) => c.institutionId === of('msk-26'));
    krgStudent = set.competitors.find((c: TPerson) => c.institutionId === of('krg-construction'));
    judged = (
      await call(api, KRG_T1, 'POST', `${base}/tasks`, { title: 'Монтаж щита', kind: 'judged', maxScore: 10 })
    ).id;
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when the Karaganda host makes a jury link and lets the juror in, then the juror marks a Moscow competitor on the invitation page and is refused their own college’s', async () => {
    const host = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(host, KRG_COORD);
    await host.goto(`/events/${eventId}`);
    await host.getByRole('heading', { name: 'Сілтеме бойынша қонақтар' }).waitFor();
    await host.getByLabel('Кімді шақырасыз').selectOption('jury');
    // Standing for the host's college (Karaganda) unless another is chosen.
    await host.getByLabel('Қазылар алқасы мүшесінің колледжі').waitFor();
    await host.getByLabel('Кім үшін').fill('Эксперт WorldSkills');
    await host.getByRole('button', { name: 'Сілтеме жасау' }).click();
    const link = (await host.locator('[data-testid="invitation-url"] code').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await screenshot(host, 'jury-link-host-kk');

    const juror: Page = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await juror.goto(new URL(link).pathname);
    await juror.getByLabel('Ваше имя').fill('Айгуль Серикова');
    await juror.getByRole('button', { name: 'Войти' }).click();
    await juror.getByTestId('invite-waiting').waitFor();
    await host.getByTestId('lobby').waitFor({ timeout: 15_000 });
    await host.getByRole('button', { name: 'Кіргізу' }).click();

    await juror.getByRole('heading', { name: 'Инструменты жюри' }).waitFor({ timeout: 20_000 });
    const jury = juror.locator('.jury-list');
    await jury.getByText('Айгуль Серикова').waitFor();
    expect(await jury.textContent()).toContain('(Эксперт WorldSkills)');
    const row = (name: string) =>
      juror.getByTestId('olympiad-task').filter({ hasText: 'Монтаж щита' }).getByTestId('mark-row').filter({
        hasText: name,
      });
    // Karaganda's competitor is of the college the link stands for: not this juror's to judge.
    await row(krgStudent.name).getByTestId('conflict-note').waitFor();
    await row(mskStudent.name).locator('select').selectOption('7');
    const saved = juror.waitForResponse(
      (res) => res.request().method() === 'PUT' && res.url().includes('/marks/') && res.status() === 200,
    );
    await row(mskStudent.name).getByRole('button', { name: 'Сохранить' }).click();
    await saved;
    await row(mskStudent.name).getByText('сохранено').waitFor();
    await screenshot(juror, 'jury-guest-marking-ru');

    const audit = await call(api, MSK_T1, 'GET', `/api/events/${eventId}/olympiad/audit`);
    expect(audit.at(-1)).toMatchObject({
      actorId: null,
      taskId: judged,
      competitorId: mskStudent.id,
      to: { score: 7 },
      byGuest: { displayName: 'Айгуль Серикова', label: 'Эксперт WorldSkills' },
    });

    await juror.locator('.language-switcher select').selectOption('kk');
    await juror.getByRole('heading', { name: 'Қазылар алқасының құралдары' }).waitFor();
    await screenshot(juror, 'jury-guest-marking-kk');

    // The host revokes the link: the juror's next mark is refused with the reason.
    await host.getByRole('button', { name: 'Кері қайтару' }).first().click();
    await host.getByText('кері қайтарылды').first().waitFor();
    const before = await call(api, MSK_T1, 'GET', `/api/events/${eventId}/olympiad`);
    expect(before.jurors.map((j: { name: string }) => j.name)).not.toContain('Айгуль Серикова');
  });
});
