import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson } from '../../infra/e2e/lesson.ts';
import type { RunningLiveKit } from '../../infra/e2e/livekit.ts';
import { startLiveProduct } from './support/api.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const LIVEKIT_PORT = 7994;

describe('a guest without an account joins by link, through the lobby', () => {
  let lk: RunningLiveKit;
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let lesson: Lesson;
  let rooms: RoomServiceClient;
  let link = '';

  beforeAll(async () => {
    ({ api, lk } = await startLiveProduct(
      'guests',
      { port: LIVEKIT_PORT, udpFrom: 53500 },
      {
        // The machine's Redis is shared with other test runs, whose failed sign-ins from 127.0.0.1
        // count against this address too.
        LOGIN_ADDRESS_RATE_LIMIT: '1000000',
        LOGIN_RATE_LIMIT: '1000',
      },
    ));
    rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    browser = await launchBrowser({ fakeMedia: true });
    lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 5, durationMinutes: 60 });
  });
  afterAll(async () => {
    await browser?.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when the Karaganda host admits a waiting guest, then the guest is in the room; once revoked, the link explains itself', async () => {
    const host = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(host, 'coordinator.krg-construction@telemost.example');
    await host.goto(`/events/${lesson.eventId}`);
    // The Karaganda coordinator's account is in Kazakh.
    await host.getByRole('heading', { name: 'Сілтеме бойынша қонақтар' }).waitFor();
    await host.getByLabel('Кім үшін').fill('Родители');
    await host.getByRole('button', { name: 'Сілтеме жасау' }).click();
    link = (await host.locator('[data-testid="invitation-url"] code').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

    const guest = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await guest.goto(new URL(link).pathname);
    await guest.getByTestId('invite-title').waitFor();
    const clocks = (await guest.getByTestId('invite-clocks').textContent()) ?? '';
    expect(clocks).toMatch(/Караганда.*Москва/);
    await guest.getByLabel('Ваше имя').fill('Гость Е2Е');
    await guest.getByRole('button', { name: 'Войти' }).click();
    await guest.getByTestId('invite-waiting').waitFor();
    await screenshot(guest, 'guest-waiting-in-lobby');

    const waiting = host.getByTestId('lobby');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.textContent()).toContain('Гость Е2Е — Родители');
    await host.getByRole('button', { name: 'Кіргізу' }).click();

    await guest.getByText('Вы в телемосте как Гость Е2Е.').waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 30_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      names = (await rooms.listParticipants(lesson.eventId).catch(() => [])).map((p) => p.name);
      if (names.includes('Гость Е2Е')) break;
      await guest.waitForTimeout(500);
    }
    expect(names).toContain('Гость Е2Е');
    await screenshot(guest, 'guest-in-room');

    await host.getByRole('button', { name: 'Кері қайтару' }).first().click();
    await host.getByText('кері қайтарылды').first().waitFor();
    const late = (await newPerson(browser, api.url)).page;
    await late.goto(new URL(link).pathname);
    expect(await late.getByTestId('invite-refused').textContent()).toBe(
      'Это приглашение отозвано организаторами.',
    );
  });
});
