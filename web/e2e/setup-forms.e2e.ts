import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson } from '../../infra/e2e/lesson.ts';
import { startProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const MSK_COORD = 'coordinator.msk-26@telemost.example';
const KRG_COORD = 'coordinator.krg-construction@telemost.example';

describe('hosts set up an olympiad and an internship programme on their pages', () => {
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startProduct('setup-forms', { LOGIN_ADDRESS_RATE_LIMIT: '1000000', LOGIN_RATE_LIMIT: '1000' }),
      launchBrowser(),
    ]);
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when the Moscow coordinator picks a one-college jury, then the jury says why; with both colleges, then the olympiad is set up', async () => {
    const { eventId } = await bookConfirmedLesson(api.url, {
      startsInMinutes: 60,
      durationMinutes: 120,
      kind: 'olympiad',
      title: 'Олимпиада: сварочные технологии',
    });
    const page = (await newPerson(browser, api.url)).page;
    await signInThroughUi(page, MSK_COORD);
    await page.goto(`/events/${eventId}/olympiad`);
    await page.getByRole('heading', { name: 'Настройка олимпиады' }).waitFor();
    const colleges = page.locator('.olympiad-setup-college');
    await colleges.nth(0).getByRole('checkbox').first().waitFor();
    await colleges.nth(0).getByRole('checkbox').nth(0).check();
    await colleges.nth(0).getByRole('checkbox').nth(1).check();
    await page.getByLabel('Главный эксперт').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Сохранить настройку' }).click();
    await page.getByText('Выберите членов жюри из обоих колледжей').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'olympiad-setup-error-ru');
    await page.locator('.language-switcher select').selectOption('kk');
    await page.getByRole('heading', { name: 'Олимпиаданы баптау' }).waitFor();
    await screenshot(page, 'olympiad-setup-kk');
    await page.locator('.language-switcher select').selectOption('ru');

    await colleges.nth(1).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Сохранить настройку' }).click();
    const jury = page.locator('.jury-list li');
    await jury.first().waitFor();
    expect(await jury.count()).toBe(3);
    expect(await page.locator('.jury-list').textContent()).toContain('главный эксперт');
  }, 240_000);

  it('when the Karaganda coordinator (in Kazakh) writes a programme of two days, then it is the internship’s, with its hours', async () => {
    const { eventId } = await bookConfirmedLesson(api.url, {
      startsInMinutes: 240,
      durationMinutes: 60,
      kind: 'internship',
      title: 'Стажировка мастеров: электромонтаж',
    });
    const page = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('response', (res) => {
      if (res.url().includes('/internship') && res.request().method() === 'PUT') {
        void res.text().then((t) => pageErrors.push(`PUT ${res.status()} ${t.slice(0, 300)}`));
      }
    });
    await signInThroughUi(page, KRG_COORD);
    await page.goto(`/events/${eventId}/internship`);
    await page.getByRole('heading', { name: 'Тағылымдама бағдарламасы' }).waitFor();
    await page.getByLabel('Қабылдаушы колледж').selectOption({ label: 'Қарағанды құрылыс колледжі' });
    const mentors = page.getByRole('group', { name: 'Тәлімгерлер' });
    await mentors.getByRole('checkbox').first().check();
    await page.getByLabel('Күннің тақырыбы').fill('Шеберханалармен танысу');
    await page.getByLabel('1-сессия').fill('Шеберханаларды аралау');
    await page.getByLabel('Сағат').fill('20');
    await page.getByLabel('Басталуы').fill('10:00');
    await page.getByRole('button', { name: 'Күн қосу' }).click();
    // The day is written dd.MM.yyyy (never the browser's mm/dd/yyyy), and typed so.
    const firstDate = await page.getByLabel('Күні').first().inputValue();
    expect(firstDate).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    const [dd, mm, yyyy] = firstDate.split('.');
    const next = new Date(`${yyyy}-${mm}-${dd}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const iso = next.toISOString().slice(0, 10);
    await page
      .getByLabel('Күні')
      .nth(1)
      .fill(`${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`);
    await page.getByLabel('Күннің тақырыбы').nth(1).fill('Ашық сабақ');
    await page.getByLabel('1-сессия').nth(1).fill('Шебердің ашық сабағы');
    await page.getByRole('button', { name: 'Бағдарламаны сақтау' }).click();
    await page.getByText('0,5-тен 12 сағатқа дейін.').waitFor();
    expect(await page.getByLabel('Сағат').first().getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'internship-setup-error-kk');
    await page.getByLabel('Сағат').first().fill('3');
    const put = page.waitForResponse(
      (res) => res.url().includes('/internship') && res.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Бағдарламаны сақтау' }).click();
    const answer = await put.catch(async (err) => {
      await screenshot(page, 'internship-setup-after-save');
      throw new Error(`no PUT after save (${(err as Error).message}); page said: ${pageErrors.join(' | ')}`);
    });
    expect(`${answer.status()} ${await answer.text()}`).toMatch(/^200 /);
    expect(pageErrors.filter((e) => !e.startsWith('PUT'))).toEqual([]);
    await page.getByTestId('internship-hours').waitFor();
    await page.locator('.language-switcher select').selectOption('ru');
    expect(await page.getByTestId('internship-hours').textContent()).toBe('Подтверждено 0 из 5 ч');
    // The same form, filled in, to change the programme.
    await page.getByText('Изменить программу стажировки').click();
    await page.getByRole('heading', { name: 'Программа, принимающий колледж и наставники' }).waitFor();
    await screenshot(page, 'internship-setup-ru');
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 240_000);
  it('when the Karaganda coordinator opens both forms on a phone (in Kazakh), then they fit the screen and have no serious accessibility findings', async () => {
    const olympiad = await bookConfirmedLesson(api.url, {
      // After the other tests' activities (same groups and teachers: no clash).
      startsInMinutes: 420,
      durationMinutes: 60,
      kind: 'olympiad',
      title: 'Олимпиада: кладка кирпича',
    });
    const internship = await bookConfirmedLesson(api.url, {
      startsInMinutes: 540,
      durationMinutes: 60,
      kind: 'internship',
      title: 'Стажировка: сварка',
    });
    const { context, page } = await newPerson(browser, api.url, { phone: true, timezoneId: 'Asia/Almaty' });
    await signInThroughUi(page, KRG_COORD);
    await page.evaluate(() => localStorage.setItem('telemost.locale', 'kk'));
    for (const [path, heading, shot] of [
      [`/events/${olympiad.eventId}/olympiad`, 'Олимпиаданы баптау', 'olympiad-setup-phone-kk'],
      [`/events/${internship.eventId}/internship`, 'Тағылымдама бағдарламасы', 'internship-setup-phone-kk'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading }).waitFor();
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, shot);
    }
    await context.close();
  });
});
