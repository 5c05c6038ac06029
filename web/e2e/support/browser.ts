import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where screenshots go (git-ignored). */
export const SCREENSHOTS = path.join(ROOT, 'artifacts/screenshots');

/** Debian's Chromium; override with CHROMIUM_PATH. Never a browser downloaded by playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with nothing that reaches outside this machine. Playwright starts it with a
 * fresh, empty user-data directory of its own; `--headless=new` is passed directly, so playwright
 * is told headed mode and adds no headless switch of its own.
 */
export function launchBrowser(options: { fakeMedia?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      '--mute-audio',
      ...(options.fakeMedia
        ? [
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
            '--allow-loopback-in-peer-connection',
          ]
        : []),
    ],
  });
}

/** A fresh browser profile (own cookies and storage) at a desktop or phone size, in Moscow or Karaganda time. */
export async function newPerson(
  browser: Browser,
  baseUrl: string,
  options: { timezoneId?: string; phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    timezoneId: options.timezoneId ?? 'Europe/Moscow',
    locale: 'ru-RU',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
    // axe-core is injected as an inline script, which the api's Content-Security-Policy rightly forbids.
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return { context, page };
}

/** Signs in through the sign-in page, as a person would, and waits for the calendar. */
export async function signInThroughUi(page: Page, email: string, password = 'telemost-demo'): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/calendar**');
}

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let fonts and late layout settle so the picture is what a person sees.
  await page.evaluate(
    () =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
  );
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
