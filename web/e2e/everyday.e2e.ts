import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, signIn } from '../../infra/e2e/api-process.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { nextCommonWorkingDay, plain } from './support/dates.ts';
import { setTime } from './support/picker.ts';

const TEACHER = 'teacher1.msk-26@telemost.example';
const KRG_COORDINATOR = 'coordinator.krg-construction@telemost.example';
const KRG_COLLEGE = 'Карагандинский строительный колледж';
const DEMO_TEACHER = 'teacher2.msk-26@telemost.example';

async function expectNoSeriousAxeViolations(page: Page, name: string) {
  const findings = await seriousAxeViolations(page);
  expect(findings, `${name}: ${JSON.stringify(findings, null, 2)}`).toEqual([]);
}

/** Proposes a lesson through the booking form as the Moscow teacher; returns its id. */
async function propose(page: Page, date: string, title: string, time: string): Promise<string> {
  await page.goto('/book');
  await page.getByRole('heading', { name: 'Новое совместное мероприятие' }).waitFor();
  await page.getByLabel(new RegExp(KRG_COLLEGE)).check();
  await page.getByLabel(/АД-21/).check();
  await page.getByLabel(/ҚС-21/).check();
  await page.getByLabel('Название').fill(title);
  await setTime(page, 'Москва', date, time);
  await page.getByTestId('booking-submit').click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

async function setLanguage(page: Page, locale: 'ru' | 'kk') {
  await page.locator('.header-tools select').selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

describe('the everyday loop: decisions in place, the lesson after it ends', () => {
  let api: RunningApi;
  let browser: Browser;
  let teacher: Page;
  let coordinator: Page;
  const date = nextCommonWorkingDay(3);
  let first = '';

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      // The demo lesson starts in about ten minutes: a longer lead lets its host end it already.
      startProduct('everyday', { ROOM_OPEN_LEAD_MINUTES: '30' }),
      launchBrowser(),
    ]);
    teacher = (await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' })).page;
    coordinator = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(teacher, TEACHER);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when a Moscow teacher proposes, then the Karaganda coordinator sees it waiting first thing, in Kazakh, with both clocks and the partner', async () => {
    first = await propose(teacher, date, 'Телемост: сметное дело', '10:00');
    await signInThroughUi(coordinator, KRG_COORDINATOR);
    expect(await coordinator.getAttribute('html', 'lang')).toBe('kk');
    const inbox = coordinator.getByTestId('decision-inbox');
    await inbox.getByRole('heading', { name: /Сіздің шешіміңізді күтуде/ }).waitFor();
    const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Телемост: сметное дело' });
    await item.waitFor();
    expect(plain(await item.getByTestId('inbox-times').textContent())).toBe(
      '12:00–13:30 Қарағанды · 10:00–11:30 Мәскеу',
    );
    expect(plain(await item.textContent())).toMatch(/Серіктес: .*26/);
    const counter = coordinator.getByTestId('decisions-counter');
    await counter.waitFor();
    const count = Number(plain(await counter.locator('.decisions-count').textContent()));
    expect(count).toBeGreaterThanOrEqual(1);
    await expectNoSeriousAxeViolations(coordinator, 'calendar with the decisions inbox');
    await screenshot(coordinator, 'everyday-01-inbox-kk');

    // While her calendar is open, a second proposal arrives: the counter grows without a reload.
    await propose(teacher, date, 'Телемост: геодезия', '14:00');
    await coordinator
      .getByTestId('inbox-item')
      .filter({ hasText: 'Телемост: геодезия' })
      .waitFor({ timeout: 15_000 });
    await coordinator.waitForFunction(
      (n) => Number(document.querySelector('.decisions-count')?.textContent) === n,
      count + 1,
    );

    await setLanguage(coordinator, 'ru');
    await coordinator.getByRole('heading', { name: /Ждут вашего решения/ }).waitFor();
    await screenshot(coordinator, 'everyday-02-inbox-ru');
    await setLanguage(coordinator, 'kk');
  });

  it('when she confirms in place, then the proposal leaves the inbox, the counter drops and the lesson is confirmed', async () => {
    const item = coordinator.getByTestId('inbox-item').filter({ hasText: 'Телемост: сметное дело' });
    const before = Number(plain(await coordinator.locator('.decisions-count').textContent()));
    await item.getByTestId('inbox-confirm').click();
    await item.waitFor({ state: 'detached' });
    await coordinator.getByTestId('toast').filter({ hasText: 'Расталды: Телемост: сметное дело' }).waitFor();
    if (before > 1) {
      await coordinator.waitForFunction(
        (n) => Number(document.querySelector('.decisions-count')?.textContent) === n,
        before - 1,
      );
    } else {
      await coordinator.getByTestId('decisions-counter').waitFor({ state: 'detached' });
    }
    await teacher.goto(`/events/${first}`);
    await teacher.locator('[data-testid="event-status"][data-status="confirmed"]').waitFor();

    // The coordinator's reports offer the plan and the attendance as Excel too.
    await coordinator.goto('/dashboard');
    await coordinator.getByRole('link', { name: 'Жоспар Excel-де' }).waitFor();
    await expectNoSeriousAxeViolations(coordinator, 'dashboard');
    await screenshot(coordinator, 'everyday-05-dashboard-kk');
    await setLanguage(coordinator, 'ru');
    await coordinator.getByRole('link', { name: 'План в Excel' }).waitFor();
    await screenshot(coordinator, 'everyday-06-dashboard-ru');
    await setLanguage(coordinator, 'kk');
  });

  it('when a host ends the demo lesson early, then its page says held, no countdown, and its teacher sees the attendance with Excel and CSV', async () => {
    const host = (await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' })).page;
    await signInThroughUi(host, DEMO_TEACHER);
    const session = await signIn(api.url, DEMO_TEACHER);
    const list = await fetch(
      `${api.url}/api/events?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`,
      { headers: { cookie: session.header } },
    );
    const demo = (await list.json()).items.find((e: { title: string }) => e.title.includes('BIM'));
    expect(demo).toBeDefined();
    await host.goto(`/events/${demo.id}`);
    await host.getByTestId('lesson-attendance').waitFor();
    expect(await host.getByTestId('event-status').getAttribute('data-status')).toBe('confirmed');

    const ended = await fetch(`${api.url}/api/events/${demo.id}/end`, {
      method: 'POST',
      headers: { cookie: session.header, 'content-type': 'application/json', origin: api.url },
      body: '{}',
    });
    // 503 only when the video server is away; the end is recorded either way.
    expect([200, 503]).toContain(ended.status);
    await host.reload();
    await host.locator('[data-testid="event-status"][data-status="held"]').waitFor();
    expect(plain(await host.getByTestId('event-status').textContent())).toContain('Проведено');
    expect(plain(await host.getByTestId('countdown').textContent())).toContain('Занятие завершено досрочно');
    // Nothing left to move or cancel on a lesson that is over.
    expect(await host.getByRole('button', { name: 'Перенести' }).count()).toBe(0);
    expect(await host.getByRole('button', { name: 'Отменить мероприятие' }).count()).toBe(0);
    const attendance = host.getByTestId('lesson-attendance');
    await attendance.getByRole('link', { name: 'Скачать Excel' }).waitFor();
    expect(await attendance.getByRole('link', { name: 'Скачать Excel' }).getAttribute('href')).toBe(
      `/api/events/${demo.id}/attendance?format=xlsx`,
    );
    // The file the link gives is a real workbook: downloaded as a person would, opened back with
    // exceljs, its sheet and header in Russian with the joining times on both clocks.
    const [download] = await Promise.all([
      host.waitForEvent('download'),
      attendance.getByRole('link', { name: 'Скачать Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('Посещаемость');
    expect(sheet).toBeDefined();
    const head = (sheet!.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(head).toContain('Вход (Москва)');
    expect(head).toContain('Вход (Караганда)');
    await expectNoSeriousAxeViolations(host, 'lesson page after the end');
    await screenshot(host, 'everyday-03-lesson-held-ru');
    await setLanguage(host, 'kk');
    await host.locator('[data-testid="event-status"]').filter({ hasText: 'Өткізілді' }).waitFor();
    await screenshot(host, 'everyday-04-lesson-held-kk');
  });
});
