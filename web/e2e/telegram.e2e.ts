import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { startTelegramBotApi, type TTelegramBotApi } from '../../infra/e2e/telegram-bot-api.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { nextCommonWorkingDay } from './support/dates.ts';

const TOKEN = '424242:E2E-telemost_bot_token';
const TEACHER = 'teacher1.msk-26@telemost.example';
const KRG_COORDINATOR = 'coordinator.krg-construction@telemost.example';
const KRG_COLLEGE = 'Карагандинский строительный колледж';
const CHAT = 555_001;

async function setLanguage(page: Page, locale: 'ru' | 'kk') {
  await page.locator('.header-tools select').selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Telegram: link from the profile, confirm from an inline button (local Bot API server)', () => {
  let bot: TTelegramBotApi;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    bot = await startTelegramBotApi({ token: TOKEN });
    api = await startProduct('telegram', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: bot.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await bot?.close();
  });

  it('when the Karaganda coordinator links Telegram on her profile and then presses Confirm under a proposal, then the lesson is confirmed', async () => {
    const { context, page } = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' });
    // The deep link goes to t.me: answer it here, nothing leaves this machine.
    const opened: string[] = [];
    await context.route('https://t.me/**', (route) => {
      opened.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Telegram</title>' });
    });
    await signInThroughUi(page, KRG_COORDINATOR);
    await setLanguage(page, 'ru');
    await page.getByTestId('current-user').click();
    await page.waitForURL('**/profile');
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();
    await page.getByText('Telegram не привязан.').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'telegram-profile-ru');

    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Привязать Telegram' }).click();
    await (await popup).close();
    const deepLink = new URL(await until('the deep link', () => opened[0]));
    expect(deepLink.pathname).toBe(`/${bot.username}`);
    bot.queue(bot.textMessage(CHAT, `/start ${deepLink.searchParams.get('start')}`));
    await page.getByText('Telegram привязан', { exact: false }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'telegram-profile-linked-ru');
    await setLanguage(page, 'kk');
    await page.getByText('Telegram байланыстырылған', { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'telegram-profile-linked-kk');
    await page.getByRole('button', { name: 'Telegram байланысын ажырату' }).waitFor();

    // Moscow proposes a lesson through the booking form.
    const moscow = await newPerson(browser, api.url);
    await signInThroughUi(moscow.page, TEACHER);
    await moscow.page.goto('/book');
    await moscow.page.getByRole('heading', { name: 'Новое совместное мероприятие' }).waitFor();
    await moscow.page.getByLabel(new RegExp(KRG_COLLEGE)).check();
    await moscow.page.getByLabel(/АД-21/).check();
    await moscow.page.getByLabel(/ҚС-21/).check();
    await moscow.page.getByLabel('Название').fill('Телеграм: пробное занятие');
    const date = nextCommonWorkingDay(9);
    await moscow.page
      .getByLabel('Дата (Москва)')
      .fill(`${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`);
    await moscow.page.getByLabel('Часы (Москва)').selectOption('10');
    await moscow.page.getByLabel('Минуты (Москва)').selectOption('00');
    await moscow.page.getByTestId('booking-submit').click();
    await moscow.page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    const eventId = moscow.page.url().split('/').pop()!;
    await moscow.context.close();

    const message = await until('the proposal in Telegram', () =>
      bot.messages.find((m) => m.chat_id === String(CHAT) && m.reply_markup?.inline_keyboard),
    );
    expect(message.text).toContain('10:00');
    expect(message.text).toContain('12:00');
    const confirm = message.reply_markup!.inline_keyboard![0]![0]!;
    bot.queue(bot.callback(CHAT, confirm.callback_data!, message));
    await until('the answer to the press', () => bot.callsOf('answerCallbackQuery').length > 0);

    await page.goto(`/events/${eventId}`);
    const status = await until('the confirmation', () =>
      page
        .evaluate(async (id) => (await (await fetch(`/api/events/${id}`)).json()).status as string, eventId)
        .then((s) => s === 'confirmed' && s),
    );
    expect(status).toBe('confirmed');
    await context.close();
  });

  it('when she is on a phone, then the profile is one tap away in the header', async () => {
    const { context, page } = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty', phone: true });
    await signInThroughUi(page, KRG_COORDINATOR);
    await setLanguage(page, 'kk');
    const chip = page.getByTestId('current-user');
    const box = await chip.boundingBox();
    expect(box && box.width >= 40 && box.height >= 40 && box.x + box.width <= 390).toBe(true);
    await chip.click();
    await page.waitForURL('**/profile');
    // Linked in the test above.
    await page.getByRole('button', { name: 'Telegram байланысын ажырату' }).waitFor();
    await screenshot(page, 'telegram-profile-phone-kk');
    await context.close();
  });
});
