import { dayInfo, isWorkingDay } from '@telemost/core/calendar/production-calendar';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { nextCommonWorkingDay, plain } from './support/dates.ts';
import { dotted, setTime } from './support/picker.ts';

const TEACHER = 'teacher1.msk-26@telemost.example';
const KRG_COORDINATOR = 'coordinator.krg-construction@telemost.example';
const KRG_COLLEGE = 'Карагандинский строительный колледж';
const TITLE = 'Телемост: BIM-моделирование';

/** The next weekday that is a public holiday in Kazakhstan and a working day in Russia. */
function nextKazakhOnlyHoliday(afterDays = 2): { date: string; name: string } {
  let day = DateTime.now().setZone('Asia/Almaty').startOf('day').plus({ days: afterDays });
  for (let i = 0; i < 800; i++, day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const kz = dayInfo('KZ', date);
    if (day.weekday <= 5 && kz.kind === 'holiday' && kz.name && isWorkingDay('RU', date)) {
      return { date, name: kz.name.ru };
    }
  }
  throw new Error('no Kazakh-only holiday in the calendar table');
}

async function expectNoSeriousAxeViolations(page: Page, name: string) {
  const findings = await seriousAxeViolations(page);
  expect(findings, `${name}: ${JSON.stringify(findings, null, 2)}`).toEqual([]);
}

/** Fills the booking form: Karaganda partner, АД-21 and ҚС-21, the title, a time on the Moscow clock. */
async function fillBooking(page: Page, date: string, title = TITLE, time = '10:00') {
  await page.goto('/book');
  await page.getByRole('heading', { name: 'Новое совместное мероприятие' }).waitFor();
  await page.getByLabel(new RegExp(KRG_COLLEGE)).check();
  await page.getByLabel(/АД-21/).check();
  await page.getByLabel(/ҚС-21/).check();
  await page.getByLabel('Название').fill(title);
  await setTime(page, 'Москва', date, time);
}

/** What the picker shows on one clock, as `yyyy-MM-ddTHH:mm`. */
async function shownOn(page: Page, city: string): Promise<string> {
  const d = await page.getByLabel(`Дата (${city})`).inputValue();
  const h = await page.getByLabel(`Часы (${city})`).inputValue();
  const m = await page.getByLabel(`Минуты (${city})`).inputValue();
  return `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}T${h}:${m}`;
}

describe('booking a joint lesson between Moscow and Karaganda', () => {
  let api: RunningApi;
  let browser: Browser;
  let teacher: Page;
  let coordinator: Page;
  let eventId = '';
  const date = nextCommonWorkingDay(3);

  beforeAll(async () => {
    [api, browser] = await Promise.all([startProduct('booking'), launchBrowser()]);
    teacher = (await newPerson(browser, api.url, { timezoneId: 'Europe/Moscow' })).page;
    coordinator = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when a Moscow teacher signs in, then the sign-in page and the calendar are accessible', async () => {
    await teacher.goto('/calendar');
    await teacher.waitForURL('**/sign-in');
    expect(await teacher.getAttribute('html', 'lang')).toBe('ru');
    await expectNoSeriousAxeViolations(teacher, 'sign-in');
    await screenshot(teacher, '01-sign-in');

    await signInThroughUi(teacher, TEACHER);
    await teacher.getByRole('heading', { name: 'Календарь совместных мероприятий' }).waitFor();
    const now = teacher.getByTestId('now-line').first();
    await now.waitFor();
    // The "now" line reads the current time on both sides' clocks.
    expect(plain(await now.textContent())).toMatch(
      /Сейчас: \d\d:\d\d Москва · \d\d:\d\d(?: \(\+1\))? Караганда/,
    );
    await expectNoSeriousAxeViolations(teacher, 'calendar');
    await screenshot(teacher, '01b-calendar-now');
  });

  it('when the teacher books a lesson with a Karaganda group, then the form shows the Karaganda time live and the lesson shows both local times', async () => {
    await fillBooking(teacher, date);
    expect(await shownOn(teacher, 'Караганда')).toBe(`${date}T12:00`);
    expect(plain(await teacher.getByTestId('both-times-preview').textContent())).toContain(
      '10:00 Москва · 12:00 Караганда',
    );
    await expectNoSeriousAxeViolations(teacher, 'booking');
    await screenshot(teacher, '02-booking-form');

    await teacher.getByTestId('booking-submit').click();
    await teacher.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    eventId = teacher.url().split('/').pop()!;
    await teacher.getByRole('heading', { name: TITLE }).waitFor();
    expect(plain(await teacher.getByTestId('event-times').textContent())).toBe(
      '10:00–11:30 Москва · 12:00–13:30 Караганда',
    );
    expect(await teacher.getByTestId('event-status').getAttribute('data-status')).toBe('proposed');
    expect(await teacher.getByTestId('join-button').isDisabled()).toBe(true);
    expect(plain(await teacher.getByTestId('join-note').textContent())).toMatch(/Вход откроется/);
    await expectNoSeriousAxeViolations(teacher, 'event page');
    await screenshot(teacher, '03-event-proposed-teacher');

    await teacher.goto(`/calendar?week=${date}`);
    const item = teacher.locator(`[data-event-id="${eventId}"]`);
    await item.waitFor();
    expect(plain(await item.getByTestId('event-times').textContent())).toBe('10:00 Москва · 12:00 Караганда');
    await screenshot(teacher, '04-calendar-week-teacher');
  });

  it('when the Karaganda coordinator confirms, then both sides see the lesson confirmed', async () => {
    // The teacher keeps the lesson page open; the confirmation reaches it over socket.io.
    await teacher.goto(`/events/${eventId}`);
    await teacher.locator('[data-testid="event-status"][data-status="proposed"]').waitFor();
    await signInThroughUi(coordinator, KRG_COORDINATOR);
    await coordinator.goto(`/events/${eventId}`);
    await coordinator.getByRole('heading', { name: TITLE }).waitFor();
    // The Karaganda coordinator's account is in Kazakh, and their own clock comes first.
    expect(await coordinator.getAttribute('html', 'lang')).toBe('kk');
    expect(plain(await coordinator.getByTestId('event-times').textContent())).toBe(
      '12:00–13:30 Қарағанды · 10:00–11:30 Мәскеу',
    );
    await coordinator.getByTestId('confirm-button').click();
    await coordinator.locator('[data-testid="event-status"][data-status="confirmed"]').waitFor();
    expect(plain(await coordinator.getByTestId('event-status').textContent())).toContain('Расталды');
    await expectNoSeriousAxeViolations(coordinator, 'event page (coordinator)');
    await screenshot(coordinator, '05-event-confirmed-coordinator');

    // No reload: the teacher's open page learns of the confirmation from the server's push.
    await teacher
      .locator('[data-testid="event-status"][data-status="confirmed"]')
      .waitFor({ timeout: 10_000 });
    expect(plain(await teacher.getByTestId('event-times').textContent())).toBe(
      '10:00–11:30 Москва · 12:00–13:30 Караганда',
    );
    await screenshot(teacher, '06-event-confirmed-teacher');

    await teacher.goto(`/calendar?week=${date}&view=agenda`);
    const item = teacher.locator(`[data-event-id="${eventId}"]`);
    await item.waitFor();
    expect(plain(await item.textContent())).toContain('Подтверждено');
    await screenshot(teacher, '07-calendar-agenda-teacher');
  });

  it('when the same groups are booked again at that time, then the conflict message names the first lesson', async () => {
    await fillBooking(teacher, date, 'Повторная бронь');
    await teacher.getByTestId('booking-submit').click();
    const problem = teacher.getByTestId('booking-problem');
    await problem
      .getByText(/Занято/)
      .first()
      .waitFor();
    const text = plain(await problem.textContent());
    expect(text).toContain(`«${TITLE}»`);
    expect(text).toContain('10:00–11:30 Москва · 12:00–13:30 Караганда');
    await screenshot(teacher, '08-booking-conflict');
  });

  it('when the date is a holiday in Kazakhstan only, then the message names Kazakhstan and the holiday', async () => {
    const holiday = nextKazakhOnlyHoliday();
    await fillBooking(teacher, holiday.date, 'Занятие в праздник');
    await teacher.getByTestId('booking-submit').click();
    const problem = teacher.getByTestId('booking-problem');
    await problem
      .getByText(/Казахстан/)
      .first()
      .waitFor();
    const text = plain(await problem.textContent());
    expect(text).toContain('(Казахстан)');
    expect(text).toContain(`«${holiday.name}»`);
    await screenshot(teacher, '09-booking-holiday');
  });

  it("when free times are asked for, then picking one fills both sides' clocks", async () => {
    await teacher.goto('/book');
    await teacher.getByLabel(new RegExp(KRG_COLLEGE)).check();
    await teacher.getByLabel(/ДС-22/).check();
    await teacher.getByLabel(/АР-22/).check();
    await teacher.getByRole('button', { name: 'Подобрать свободное время' }).click();
    const first = teacher.locator('.slot-list button').first();
    await first.waitFor();
    expect(plain(await first.textContent())).toMatch(
      /\d\d:\d\d–\d\d:\d\d Москва · \d\d:\d\d–\d\d:\d\d Караганда/,
    );
    await first.click();
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    const msk = await shownOn(teacher, 'Москва');
    const krg = await shownOn(teacher, 'Караганда');
    expect(DateTime.fromISO(krg).diff(DateTime.fromISO(msk), 'hours').hours).toBe(2);
  });

  it('when a weekly series crosses a Kazakh holiday, then the holiday is skipped and listed', async () => {
    // A week before the holiday is still ahead; 14:00 keeps clear of the 10:00 lesson's teacher.
    const holiday = nextKazakhOnlyHoliday(10);
    const start = DateTime.fromISO(holiday.date).minus({ weeks: 1 }).toISODate()!;
    await fillBooking(teacher, start, 'Серия занятий', '14:00');
    await teacher.getByLabel(/АД-21/).uncheck();
    await teacher.getByLabel(/ҚС-21/).uncheck();
    await teacher.getByLabel(/ДС-22/).check();
    await teacher.getByLabel(/АР-22/).check();
    await teacher.getByLabel('Повторять еженедельно').check();
    const weekday = DateTime.fromISO(holiday.date).setLocale('ru').toFormat('ccc');
    await teacher.getByRole('group', { name: 'Дни недели' }).getByLabel(weekday, { exact: true }).check();
    await teacher.getByLabel('Сколько занятий').fill('3');
    await teacher.getByTestId('booking-submit').click();
    const result = teacher.getByTestId('booking-result');
    await result.waitFor();
    const text = plain(await result.textContent());
    expect(text).toContain('Создано занятий: 3');
    expect(text).toContain('Пропущенные даты');
    expect(text).toContain(`праздник (Казахстан): ${holiday.name}`);
    await screenshot(teacher, '09b-booking-series-skipped');
  });

  it('when a lesson is booked with the picker and a Karaganda lesson period, then no key is pressed for the date and time and both clocks agree', async () => {
    // The next day both countries work after the first lesson's day: the teacher is free then.
    const day = nextCommonWorkingDay(
      DateTime.fromISO(date).diff(DateTime.now().startOf('day'), 'days').days + 1,
    );
    await teacher.goto('/book');
    await teacher.getByRole('heading', { name: 'Новое совместное мероприятие' }).waitFor();
    await teacher.getByLabel(new RegExp(KRG_COLLEGE)).check();
    await teacher.getByLabel(/ДС-22/).check();
    await teacher.getByLabel(/АР-22/).check();
    await teacher.getByLabel('Название').fill('Телемост по парам');
    const calendar = teacher.getByTestId('month-calendar');
    const dayButton = calendar.locator(`.month-day[data-date="${day}"]`);
    for (let i = 0; i < 3 && !(await dayButton.isVisible()); i++) {
      await calendar.getByRole('button', { name: 'Следующий месяц' }).click();
    }
    await dayButton.click();
    expect(await dayButton.getAttribute('aria-pressed')).toBe('true');
    await teacher.getByRole('button', { name: '3 пара 11:30–13:00' }).click();
    expect(await shownOn(teacher, 'Караганда')).toBe(`${day}T11:30`);
    expect(await shownOn(teacher, 'Москва')).toBe(`${day}T09:30`);
    expect(plain(await teacher.getByTestId('live-problems').textContent())).toContain(
      'Время подходит обеим сторонам',
    );
    expect(await teacher.locator('input[type="datetime-local"]').count()).toBe(0);
    await expectNoSeriousAxeViolations(teacher, 'booking with the picker');
    await screenshot(teacher, '12-booking-picker-period-ru');
    await teacher.getByTestId('booking-submit').click();
    await teacher.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    expect(plain(await teacher.getByTestId('event-times').textContent())).toBe(
      '09:30–11:00 Москва · 11:30–13:00 Караганда',
    );
  });

  it('when the lesson would end after Moscow working hours, then the form names the 18:30 end before submit', async () => {
    await fillBooking(teacher, date, 'Поздний телемост', '17:00');
    const live = teacher.getByTestId('live-problems');
    await live.getByText(/окончание в 18:30/).waitFor();
    expect(plain(await live.textContent())).toContain(
      'окончание в 18:30 — позже конца рабочего дня колледжа (17:30)',
    );
    // Nothing was sent: the api's refusal box is not there.
    expect(await teacher.getByTestId('booking-problem').count()).toBe(0);
    await screenshot(teacher, '13-booking-live-problem-ru');
  });

  it("when the Karaganda coordinator books in Kazakh, then the month calendar marks both sides' holidays and the form is accessible", async () => {
    const holiday = nextKazakhOnlyHoliday();
    await coordinator.goto('/book');
    await coordinator.getByTestId('month-calendar').waitFor();
    const firstDate = coordinator.getByLabel('Күні (Қарағанды)');
    await firstDate.fill(dotted(holiday.date));
    const day = coordinator.locator(`.month-day[data-date="${holiday.date}"]`);
    expect(await day.getAttribute('data-off')).toContain('KZ');
    await expectNoSeriousAxeViolations(coordinator, 'booking (kk)');
    await screenshot(coordinator, '14-booking-picker-kk');
  });

  it('when English is chosen before signing in, then the page switches, sets <html lang> and remembers it', async () => {
    const visitor = await newPerson(browser, api.url);
    await visitor.page.goto('/sign-in');
    await visitor.page.getByLabel('Язык интерфейса').selectOption('en');
    await visitor.page.getByRole('heading', { name: 'Sign in to Telemost' }).waitFor();
    expect(await visitor.page.getAttribute('html', 'lang')).toBe('en');
    await visitor.page.reload();
    await visitor.page.getByRole('heading', { name: 'Sign in to Telemost' }).waitFor();
    expect(await visitor.page.getAttribute('html', 'lang')).toBe('en');
    await visitor.context.close();
  });

  it('when the coordinator opens the dashboard, then the plan progress shows the confirmed lesson and the page is accessible', async () => {
    await coordinator.goto('/dashboard');
    await coordinator.getByRole('heading', { name: 'Үйлестіруші есептері' }).waitFor();
    await coordinator.getByTestId('plan-table').waitFor();
    await expectNoSeriousAxeViolations(coordinator, 'dashboard');
    await screenshot(coordinator, '10-dashboard-coordinator');
  });

  it('when the calendar is opened on a phone, then the week stacks by day and still shows both times', async () => {
    const phone = await newPerson(browser, api.url, { phone: true, timezoneId: 'Europe/Moscow' });
    await signInThroughUi(phone.page, TEACHER);
    await phone.page.goto(`/calendar?week=${date}`);
    const item = phone.page.locator(`[data-event-id="${eventId}"]`);
    await item.waitFor();
    expect(plain(await item.getByTestId('event-times').textContent())).toBe('10:00 Москва · 12:00 Караганда');
    const width = await phone.page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone.page, '11-calendar-phone');
    await phone.context.close();
  });
});
