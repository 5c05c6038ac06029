/**
 * The page's first reads, started by a tiny classic script (`/first-reads.js`, built from this file
 * by vite.config.ts) while the app's own code is still downloading: on a slow line the app would
 * otherwise ask for the session only once its code had run, then for the page's data once the
 * session was known, a round trip each. The script also asks for the page's route chunk, its
 * styles and the saved language's dictionary, which the app would only discover once running.
 *
 * Written as a classic script: no imports, only top-level declarations (the build drops `export`).
 * What it fetches is only a head start: the app takes an answer (api-client's takeEarlyRead) when
 * it asks for the very same address soon after, and asks the server itself otherwise.
 */

/** An early GET, kept on `window` for the app to take. */
export type TFirstRead = { at: number; response: Promise<Response> };
/** Where the early reads wait for the app. */
export const FIRST_READS_KEY = '__telemostFirstReads';

/** A route's chunks, as the build names them: scripts to modulepreload, sheets to link. */
export type TRouteAssets = { js: string[]; css: string[] };
/** The routes whose assets the script asks for early; filled in by the build. */
export type TRouteAssetMap = {
  calendar?: TRouteAssets;
  event?: TRouteAssets;
  kk?: TRouteAssets;
  en?: TRouteAssets;
};

const PUBLIC_PAGE = /^\/(sign-in|invite|camera|certificates|programme)(\/|$)/;
const EVENT_PAGE = /^\/events\/([0-9a-f-]{36})\/?$/i;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `yyyy-mm-dd` of the Monday of the week around `now`, on the browser's clock. */
export function mondayOf(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7), 12);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The week's events as the calendar page asks for them (calendar-page.tsx, listEvents): the week
 * from its Monday, padded by 14 hours each side; only for the plain `/calendar` (no filter, no other
 * week, the week view), the page most people land on.
 */
export function calendarRead(monday: string): string {
  const from = Date.parse(`${monday}T00:00:00Z`) - 14 * HOUR;
  const to = from + 7 * DAY + 28 * HOUR;
  const query = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    limit: '500',
  });
  return `/api/events?${query}`;
}

/** The api addresses the page at `pathname` + `search` reads first. */
export function firstReadsOf(pathname: string, search: string, now: Date): string[] {
  const reads = ['/api/me'];
  if (PUBLIC_PAGE.test(pathname)) return reads;
  // The directory every signed-in page reads (lib/directory.ts).
  reads.push('/api/institutions', '/api/partnerships', '/api/groups');
  const event = EVENT_PAGE.exec(pathname);
  // The address getEvent reads.
  if (event) reads.push(`/api/events/${event[1]}`);
  if ((pathname === '/' || /^\/calendar\/?$/.test(pathname)) && search === '')
    reads.push(calendarRead(mondayOf(now)));
  return reads;
}

/** The route chunks the page at `pathname` will import, and the dictionary of `locale`. */
export function assetsOf(pathname: string, locale: string | null, routes: TRouteAssetMap): TRouteAssets[] {
  const out: TRouteAssets[] = [];
  if (pathname === '/' || /^\/calendar\/?$/.test(pathname)) out.push(routes.calendar ?? { js: [], css: [] });
  if (EVENT_PAGE.test(pathname)) out.push(routes.event ?? { js: [], css: [] });
  if (locale === 'kk' || locale === 'en') out.push(routes[locale] ?? { js: [], css: [] });
  return out;
}

/** Runs in the page: starts the reads and asks for the assets. */
export function startFirstReads(routes: TRouteAssetMap): void {
  const { pathname, search } = window.location;
  const store: Record<string, TFirstRead> = {};
  (window as unknown as Record<string, unknown>)[FIRST_READS_KEY] = store;
  for (const path of firstReadsOf(pathname, search, new Date())) {
    const response = fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    // A failure surfaces when (if) the app takes the read.
    response.catch(() => {});
    store[path] = { at: Date.now(), response };
  }
  let locale: string | null = null;
  try {
    locale = localStorage.getItem('telemost.locale');
  } catch {
    // Private mode.
  }
  for (const assets of assetsOf(pathname, locale, routes)) {
    for (const href of assets.js) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      // As the build's own preloads: the module then is the very one the router imports.
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    }
    for (const href of assets.css) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      document.head.appendChild(link);
    }
  }
}
