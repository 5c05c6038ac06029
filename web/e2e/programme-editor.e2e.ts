import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson, minutesUntilTomorrowInMoscow } from '../../infra/e2e/lesson.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

/** `HH:mm` of an instant on a zone's clock, as the page writes it. */
const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

const INVITED = 'ТОО «КазСтрой»: главный инженер';

describe('the programme editor: a host builds the programme on the event page', () => {
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let conference: Lesson;

  beforeAll(async () => {
    api = await startProduct('programme-editor');
    browser = await launchBrowser();
    conference = await bookConfirmedLesson(api.url, {
      // Tomorrow at 10:00 Moscow: its times are read on both clocks, the same day on each.
      startsInMinutes: minutesUntilTomorrowInMoscow(10),
      durationMinutes: 120,
      kind: 'conference',
      title: 'Конференция «Зелёное строительство»',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when a teacher adds a session through the form, then it is listed on the event page and on the public programme on both clocks; an overlap is refused on the start field', async () => {
    const { context, page } = await newPerson(browser, api.url);
    await signInThroughUi(page, conference.teacherEmail);
    await page.goto(`/events/${conference.eventId}`);
    const invitation = await page.evaluate(
      async ({ id, label }) =>
        (
          await fetch(`/api/events/${id}/invitations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ role: 'speaker', label }),
          })
        ).status,
      { id: conference.eventId, label: INVITED },
    );
    expect(invitation).toBe(201);
    await page.reload();
    const card = page.getByTestId('programme-card');
    await card.getByTestId('programme-card-empty').waitFor({ timeout: 30_000 });
    const event = await page.evaluate(
      async (id) => (await (await fetch(`/api/events/${id}`)).json()) as { start: string },
      conference.eventId,
    );
    const start = event.start;
    const end = new Date(Date.parse(start) + 20 * 60_000).toISOString();

    await card.getByRole('button', { name: 'Добавить выступление' }).click();
    await page.getByLabel('Название').fill('Открытие конференции');
    await page.getByLabel('Начало (время: Москва)').fill(hhmm(start, 'Europe/Moscow'));
    await page.getByLabel('Окончание (время: Москва)').fill(hhmm(end, 'Europe/Moscow'));
    await page.getByLabel('Выступающий').selectOption({ label: 'Другой человек (ввести имя)' });
    await page.getByLabel('Имя выступающего').fill('Айгүл Серікқызы');
    await page.getByRole('button', { name: 'Добавить выступающего' }).click();
    // A speaker invited by link (an employer's engineer), named by the link's label.
    await page.getByLabel('Выступающий').selectOption({ label: INVITED });
    await page.getByRole('button', { name: 'Добавить выступающего' }).click();
    await page.getByTestId('session-speakers').waitFor();
    await screenshot(page, 'programme-editor-form-ru');
    const formFindings = await seriousAxeViolations(page);
    expect(formFindings, JSON.stringify(formFindings, null, 2)).toEqual([]);
    await page.getByRole('button', { name: 'Сохранить' }).click();

    const item = card.getByTestId('programme-card-session');
    await item.waitFor({ timeout: 20_000 });
    const times = (await item.getByTestId('programme-card-times').textContent()) ?? '';
    expect(times).toContain(`${hhmm(start, 'Europe/Moscow')}–${hhmm(end, 'Europe/Moscow')} Москва`);
    expect(times).toContain(`${hhmm(start, 'Asia/Almaty')}–${hhmm(end, 'Asia/Almaty')} Караганда`);
    expect(await item.textContent()).toContain(`Айгүл Серікқызы, ${INVITED}`);
    await screenshot(page, 'programme-editor-list-ru');
    const listFindings = await seriousAxeViolations(page);
    expect(listFindings, JSON.stringify(listFindings, null, 2)).toEqual([]);

    // In Kazakh: a second session at the same time in the main hall is refused on its start field.
    await page.evaluate(() => localStorage.setItem('telemost.locale', 'kk'));
    await page.reload();
    await card.getByTestId('programme-card-session').waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Баяндама қосу' }).click();
    await page.getByLabel('Атауы').fill('Секция');
    await page.getByLabel('Басталуы (уақыт: Мәскеу)').fill(hhmm(start, 'Europe/Moscow'));
    await page.getByLabel('Аяқталуы (уақыт: Мәскеу)').fill(hhmm(end, 'Europe/Moscow'));
    await page.getByRole('button', { name: 'Сақтау' }).click();
    const startField = page.getByLabel('Басталуы (уақыт: Мәскеу)');
    await page.waitForSelector('[aria-invalid="true"]', { timeout: 20_000 });
    const errorId = await startField.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'Бұл уақытта сол залда басқа баяндама өтеді.',
    );
    await screenshot(page, 'programme-editor-overlap-kk');
    await context.close();

    // Anyone with the link: the public programme lists the session on both clocks.
    const visitor = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await visitor.goto(`/programme/${conference.eventId}`);
    const session = visitor.getByTestId('programme-session');
    await session.first().waitFor({ timeout: 20_000 });
    expect(await session.count()).toBe(1);
    const text = (await session.first().textContent()) ?? '';
    expect(text).toContain('Открытие конференции');
    expect(text).toContain(`${hhmm(start, 'Europe/Moscow')}–${hhmm(end, 'Europe/Moscow')} Москва`);
    expect(text).toContain(`${hhmm(start, 'Asia/Almaty')}–${hhmm(end, 'Asia/Almaty')} Караганда`);
  });
});
