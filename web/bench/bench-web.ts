/**
 * npm run bench:web — builds the web client and prints what the calendar page downloads before it
 * can show anything: the entry chunk, the calendar route's chunk (the router loads it on first
 * visit to /calendar), every chunk they import statically and the first-reads.js script, gzip-compressed. The video bridge
 * (livekit-client) is a dynamic import and is not counted; the script checks that it stays out.
 *
 * Then it starts the product on that build and, in Chromium with Slow 4G emulated (about
 * 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, empty cache), measures navigation → a usable
 * calendar (the week grid drawn with the colleges' clocks) for a signed-in teacher, and navigation →
 * a usable lesson page (its title and the Join button). `BENCH_WEB_SLOW=0` skips this part.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { signIn } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson } from '../../infra/e2e/lesson.ts';
import { startProduct } from '../e2e/support/api.ts';
import { launchBrowser } from '../e2e/support/browser.ts';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CALENDAR_ROUTE = 'src/features/calendar/components/calendar-page.tsx';
const VIDEO_ROUTE = 'src/features/telebridge/components/telebridge-page.tsx';
const TARGET_KB = 200;
const TARGET_SLOW_MS = 2500;
/** Chrome DevTools' "Slow 4G" preset. */
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

/**
 * Navigation → `ready` selector visible, in ms, on a fresh Chromium context (empty cache) with
 * the session cookie already set and Slow 4G emulated; the median of `runs`.
 */
async function slowLoad(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  url: string,
  cookie: { name: string; value: string; domain: string; path: string },
  route: string,
  ready: string,
  runs: number,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: url, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await page.goto(route, { waitUntil: 'commit' });
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    // performance.now() counts from the navigation's start.
    times.push(Math.round(await page.evaluate(() => performance.now())));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function slowLine() {
  // Vite's build set NODE_ENV=production in this process; the product runs as the e2e tests run it.
  const api = await startProduct('bench-web', { NODE_ENV: 'test' });
  const browser = await launchBrowser();
  try {
    const lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 60, durationMinutes: 60 });
    const { cookie } = await signIn(api.url, lesson.teacherEmail);
    const runs = Number(process.env.BENCH_WEB_RUNS ?? 3);
    const calendar = await slowLoad(
      browser,
      api.url,
      cookie,
      '/calendar',
      '[data-testid="hour-column"] >> nth=1',
      runs,
    );
    const page = await slowLoad(
      browser,
      api.url,
      cookie,
      `/events/${lesson.eventId}`,
      '[data-testid="join-button"]',
      runs,
    );
    console.log(`slow-4g calendar: ${calendar} ms`);
    console.log(`slow-4g lesson: ${page} ms`);
    console.log(`target: < ${TARGET_SLOW_MS} ms each (median of ${runs})`);
  } finally {
    await browser.close();
    await api.stop();
  }
}

type TManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};

/** Chunks loaded with `roots`: the roots and their static imports, transitively. */
export function staticClosure(manifest: Record<string, TManifestChunk>, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const r of roots) visit(r);
  return [...seen];
}

async function main() {
  await build({ root: WEB, logLevel: 'warn', build: { manifest: true } });
  const dist = path.join(WEB, 'dist');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    TManifestChunk
  >;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');
  if (!manifest[CALENDAR_ROUTE]) throw new Error(`${CALENDAR_ROUTE} is not a chunk of its own`);
  const chunks = staticClosure(manifest, [entry, CALENDAR_ROUTE]);
  if (chunks.includes(VIDEO_ROUTE)) throw new Error('the video route is loaded by the calendar page');

  let total = 0;
  const rows: string[] = [];
  for (const key of chunks) {
    const file = manifest[key]!.file;
    if (!file.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(path.join(dist, file))).length;
    total += gz;
    rows.push(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${file}`);
  }
  // The classic script index.html loads first (it starts the first reads; not in the manifest).
  const firstReads = gzipSync(readFileSync(path.join(dist, 'first-reads.js'))).length;
  total += firstReads;
  rows.push(`  ${(firstReads / 1024).toFixed(1).padStart(7)} KB  first-reads.js`);
  const video = staticClosure(manifest, [VIDEO_ROUTE]).filter((k) => !chunks.includes(k));
  const videoGz = video.reduce(
    (s, k) => s + gzipSync(readFileSync(path.join(dist, manifest[k]!.file))).length,
    0,
  );

  console.log('calendar page, initial JS chunks (gzip):');
  console.log(rows.join('\n'));
  console.log(`video route, loaded only on demand (gzip): ${(videoGz / 1024).toFixed(1)} KB`);
  console.log(`initial JS (gzip): ${(total / 1024).toFixed(1)} KB`);
  console.log(`target: < ${TARGET_KB} KB`);
  if (process.env.BENCH_WEB_SLOW !== '0') await slowLine();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
