import { dayInfo, isWorkingDay } from '@telemost/core/calendar/production-calendar';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, minutesUntilTomorrowInMoscow } from '../../infra/e2e/lesson.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { plain } from './support/dates.ts';

const TEACHER = 'teacher1.msk-26@telemost.example';
const KRG_COORDINATOR = 'coordinator.krg-construction@telemost.example';

/** The next weekday that is a public holiday in Kazakhstan and a working day in Russia. */
function nextKazakhOnlyHoliday(afterDays = 2): { date: string; ru: string; kk: string } {
  let day = DateTime.now().setZone('Asia/Almaty').startOf('day').plus({ days: afterDays });
  for (let i = 0; i < 800; i++, day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const kz = dayInfo('KZ', date);
    if (day.weekday <= 5 && kz.kind === 'holiday' && kz.name && isWorkingDay('RU', date)) {
      return { date, ru: kz.name.ru, kk: kz.name.kk };
    }
  }
  throw new Error('no Kazakh-only holiday in the calendar table');
}

async function expectNoSeriousAxeViolations(page: Page, name: string) {
  const findings = await seriousAxeViolations(page);
  expect(findings, `${name}: ${JSON.stringify(findings, null, 2)}`).toEqual([]);
}

type Box = { x: number; y: number; width: number; height: number };
async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return b;
}

describe('a calendar that tells the truth', () => {
  let api: RunningApi;
  let browser: Browser;
  let teacher: { context: BrowserContext; page: Page };
  let coordinator: { context: BrowserContext; page: Page };
  let eventId = '';
  let eventDate = '';
  const holiday = nextKazakhOnlyHoliday();

  beforeAll(async () => {
    [api, browser] = await Promise.all([startProduct('calendar'), launchBrowser()]);
    // A 90-minute lesson tomorrow at 10:00 Moscow, whatever the hour the tests run at (the
    // coordinator overrides the calendar); at "this time tomorrow" an evening run ran past midnight.
    const lesson = await bookConfirmedLesson(api.url, {
      startsInMinutes: minutesUntilTomorrowInMoscow(10),
      durationMinutes: 90,
    });
    eventId = lesson.eventId;
    eventDate = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!;
    teacher = await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' });
    coordinator = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' });
    await signInThroughUi(teacher.page, TEACHER);
    await signInThroughUi(coordinator.page, KRG_COORDINATOR);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when a 90-minute lesson is in the week grid, then its card is 1.5 hour rows tall and its status chip stays inside', async () => {
    const page = teacher.page;
    await page.goto(`/calendar?week=${eventDate}`);
    const card = `[data-event-id="${eventId}"]`;
    await page.locator(card).waitFor();
    const row = await box(page, '.week-hour');
    const c = await box(page, card);
    expect(Math.abs(c.height - 1.5 * row.height)).toBeLessThanOrEqual(1);
    const chip = await box(page, `${card} .badge`);
    expect(chip.x).toBeGreaterThanOrEqual(c.x);
    expect(chip.y).toBeGreaterThanOrEqual(c.y);
    expect(chip.x + chip.width).toBeLessThanOrEqual(c.x + c.width + 0.5);
    expect(chip.y + chip.height).toBeLessThanOrEqual(c.y + c.height + 0.5);
  });

  it("when the week is shown in Moscow, then a second hour column reads Karaganda's clock and hours outside both sides' overlap are dimmed", async () => {
    const page = teacher.page;
    const columns = page.getByTestId('hour-column');
    expect(await columns.count()).toBe(2);
    expect(plain(await columns.nth(0).locator('.week-hours-head').textContent())).toBe('Москва');
    expect(plain(await columns.nth(1).locator('.week-hours-head').textContent())).toBe('Караганда');
    // Each row's Moscow hour is two hours earlier than Karaganda's (UTC+5). The grid starts at
    // 07:00 Moscow, or earlier when an activity of the week does (the demo lesson booked "now" by
    // a run after midnight): the first row is read, not assumed.
    const moscow = plain(await columns.nth(0).locator('.week-hour').first().textContent());
    expect(moscow).toMatch(/^\d\d:00$/);
    const karaganda = `${String((Number(moscow.slice(0, 2)) + 2) % 24).padStart(2, '0')}:00`;
    expect(plain(await columns.nth(1).locator('.week-hour').first().textContent())).toBe(karaganda);
    expect(await page.getByTestId('outside-overlap').count()).toBeGreaterThan(0);
    expect(plain(await page.getByTestId('week-overlap').textContent())).toMatch(
      /вне общих рабочих часов обеих сторон \(\d\d:\d\d–\d\d:\d\d, Москва\)/,
    );
  });

  it('when today is in the grid, then the "now" line runs behind the cards and reads both clocks in the hour columns', async () => {
    const page = teacher.page;
    await page.goto('/calendar');
    await page.getByTestId('now-line').first().waitFor({ state: 'attached' });
    expect(plain(await page.getByTestId('now-line').first().textContent())).toMatch(
      /Сейчас: \d\d:\d\d Москва · \d\d:\d\d(?: \(\+1\))? Караганда/,
    );
    const z = await page.evaluate(() => {
      const d = (globalThis as any).document;
      const line = d.querySelector('[data-testid="now-line"]');
      const label = line.querySelector('.now-label');
      const card = d.querySelector('.event-item.compact');
      const zi = (el: any) => Number((globalThis as any).getComputedStyle(el).zIndex) || 0;
      return { line: zi(line), card: card ? zi(card) : 1, labelWidth: label.getBoundingClientRect().width };
    });
    expect(z.line).toBeLessThan(z.card);
    // The label is only for screen readers in the grid; the pills in the hour columns show the times.
    expect(z.labelWidth).toBeLessThanOrEqual(1);
    expect(await page.locator('.now-pill').count()).toBe(2);
    expect(await page.locator('.now-pill').first().textContent()).toMatch(/^\d\d:\d\d$/);
    await expectNoSeriousAxeViolations(page, 'calendar week (ru)');
    await screenshot(page, 'cal-01-week-now-ru');
  });

  it("when the week holds a Kazakh holiday, then that day is shaded, named and flagged KZ, and Russia's is not", async () => {
    const page = teacher.page;
    await page.goto(`/calendar?week=${holiday.date}`);
    const day = page.locator(`.week-day[data-date="${holiday.date}"]`);
    await day.waitFor();
    expect(await day.getAttribute('data-off')).toBe('KZ');
    const mark = day.getByTestId('day-mark');
    expect(await mark.getAttribute('data-country')).toBe('KZ');
    expect(plain(await mark.textContent())).toContain(`Казахстан: ${holiday.ru}`);
    const bg = await day
      .locator('.week-day-body')
      .evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundImage as string);
    expect(bg).toContain('repeating-linear-gradient');
    // Saturday and Sunday are days off on both sides.
    const saturday = DateTime.fromISO(holiday.date).set({ weekday: 6 }).toISODate()!;
    expect(await page.locator(`.week-day[data-date="${saturday}"]`).getAttribute('data-off')).toBe('RU KZ');
    // Headings are capitalised: "Ср, 16 дек."
    expect(plain(await day.locator('.week-day-head').textContent())).toMatch(/^[А-ЯЁ]/);
    await expectNoSeriousAxeViolations(page, 'calendar holiday week (ru)');
    await screenshot(page, 'cal-02-week-holiday-ru');
  });

  it('when the agenda is shown, then each activity reads start–end on both clocks and day headings start with a capital', async () => {
    const page = teacher.page;
    await page.goto(`/calendar?week=${eventDate}&view=agenda`);
    const item = page.locator(`[data-event-id="${eventId}"]`);
    await item.waitFor();
    expect(plain(await item.getByTestId('event-times').textContent())).toMatch(
      /^\d\d:\d\d–\d\d:\d\d Москва · \d\d:\d\d–\d\d:\d\d Караганда$/,
    );
    const heading = plain(await page.locator('.agenda-day h3').first().textContent());
    expect(heading.charAt(0)).toBe(heading.charAt(0).toLocaleUpperCase());
    expect(heading).not.toMatch(/ [А-ЯЁ][а-яё]+ \d{4}/); // the month stays lower case
    await expectNoSeriousAxeViolations(page, 'calendar agenda (ru)');
    await screenshot(page, 'cal-03-agenda-ru');
  });

  it('when the Karaganda coordinator reads the calendar in Kazakh, then dates are written as Kazakh writes them and the holiday is named in Kazakh', async () => {
    const page = coordinator.page;
    await page.goto('/calendar?week=2026-11-30');
    await page.locator('.range-label').waitFor();
    expect(plain(await page.locator('.range-label').textContent())).toBe('30 қараша – 6 желтоқсан 2026 ж.');
    await page.goto(`/calendar?week=${holiday.date}`);
    const day = page.locator(`.week-day[data-date="${holiday.date}"]`);
    await day.waitFor();
    expect(plain(await day.getByTestId('day-mark').textContent())).toContain(holiday.kk);
    const columns = page.getByTestId('hour-column');
    expect(plain(await columns.nth(0).locator('.week-hours-head').textContent())).toBe('Қарағанды');
    expect(plain(await columns.nth(1).locator('.week-hours-head').textContent())).toBe('Мәскеу');
    expect(plain(await day.locator('.week-day-head').textContent())).toMatch(/^[А-ЯӘҒҚҢӨҰҮҺІ]/);
    await expectNoSeriousAxeViolations(page, 'calendar holiday week (kk)');
    await screenshot(page, 'cal-04-week-holiday-kk');
    await page.goto(`/calendar?week=${eventDate}&view=agenda`);
    await page.locator(`[data-event-id="${eventId}"]`).waitFor();
    await expectNoSeriousAxeViolations(page, 'calendar agenda (kk)');
    await screenshot(page, 'cal-05-agenda-kk');
  });

  it('when the connection drops or a request fails, then a banner says so', async () => {
    const { page, context } = teacher;
    await page.goto(`/calendar?week=${eventDate}`);
    await page.locator(`[data-event-id="${eventId}"]`).waitFor();
    await context.setOffline(true);
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    expect(plain(await banner.textContent())).toContain('Компьютер не подключён к сети');
    await expectNoSeriousAxeViolations(page, 'offline banner (ru)');
    await screenshot(page, 'cal-06-offline-ru');
    await context.setOffline(false);
    await banner.waitFor({ state: 'detached' });

    // Online, but the server does not answer: the failed fetch is said too, not swallowed.
    await page.route('**/api/events?**', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Следующая неделя' }).click();
    await banner.waitFor();
    expect(plain(await banner.textContent())).toContain('не дошёл до сервера');
    await page.unroute('**/api/events?**');
    await page.getByRole('button', { name: 'Проверить снова' }).click();
    await banner.waitFor({ state: 'detached' });

    await coordinator.context.setOffline(true);
    await coordinator.page.getByTestId('offline-banner').waitFor();
    await screenshot(coordinator.page, 'cal-07-offline-kk');
    await coordinator.context.setOffline(false);
  });

  it('when the calendar is opened on a phone, then the week stacks with the holiday named and nothing overflows', async () => {
    const phone = await newPerson(browser, api.url, { phone: true, timezoneId: 'Europe/Moscow' });
    await signInThroughUi(phone.page, TEACHER);
    await phone.page.goto(`/calendar?week=${holiday.date}`);
    const day = phone.page.locator(`.week-day[data-date="${holiday.date}"]`);
    await day.waitFor();
    expect(await day.getByTestId('day-mark').isVisible()).toBe(true);
    const width = await phone.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'cal-08-week-phone-ru');
    await phone.context.close();
  });
});
