import { formatBothRanges, formatBothTimes, zoneOf } from '../time/zones.ts';

/** A language the product writes in (the same three as `LOCALES`). */
type TLocale = 'ru' | 'kk' | 'en';

/** One clock to show an instant on: a zone and the city (or "your time") it is read as. */
export type TClock = { timeZone: string; label: string };

/** A college an event involves, as the clocks need it. */
export type TClockSide = { timeZone: string; city: { ru: string; kk: string; en: string } };

/**
 * The zone used when a viewer has neither an own zone nor a college (an administrator without a
 * zone set). The one rule everywhere (api views, e-mails, notifications, the web): the person's own
 * zone, else their college's, else this.
 */
export const VIEWER_ZONE_FALLBACK = 'UTC';

/** The zone a person reads times in: their own, else their college's, else UTC. */
export function viewerZoneOf(own: string | null | undefined, college: string | null | undefined): string {
  return own || college || VIEWER_ZONE_FALLBACK;
}

/** The label of the extra clock added when the viewer's zone is none of the colleges'. */
export const YOUR_TIME_LABEL: Record<TLocale, string> = { ru: 'у вас', kk: 'сізде', en: 'your time' };

/** UTC offset of a zone at an instant, in minutes (luxon's cached zone: no Intl formatter per call). */
const offsetAt = (at: number, zone: string): number => zoneOf(zone).offset(at);

/**
 * The clocks an event is shown on, in the one order every renderer uses (the e-mail, the in-app
 * notification, the .ics and the web): one clock per distinct city and zone of the colleges
 * involved (two Moscow colleges give one "Москва" clock), named in `locale`; the viewer's own clock
 * first, then the others west to east (by UTC offset at `at`, then by name). A viewer whose zone is
 * none of the colleges' gets their own clock first, labelled "у вас" / "сізде" / "your time".
 */
export function eventClocks(
  sides: readonly TClockSide[],
  at: string | Date,
  viewer: { locale: TLocale; timeZone: string },
): TClock[] {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  const clocks: (TClock & { offset: number })[] = [];
  for (const side of sides) {
    const label = side.city[viewer.locale] || side.city.ru;
    if (clocks.some((c) => c.timeZone === side.timeZone && c.label === label)) continue;
    clocks.push({ timeZone: side.timeZone, label, offset: offsetAt(ms, side.timeZone) });
  }
  const own = (c: TClock) => Number(c.timeZone === viewer.timeZone);
  clocks.sort((a, b) => own(b) - own(a) || a.offset - b.offset || a.label.localeCompare(b.label));
  const out: TClock[] = clocks.map(({ timeZone, label }) => ({ timeZone, label }));
  if (!out.some((c) => c.timeZone === viewer.timeZone)) {
    out.unshift({ timeZone: viewer.timeZone, label: YOUR_TIME_LABEL[viewer.locale] });
  }
  return out;
}

/** Separator of clocks in texts read anywhere (e-mail, notification, .ics). The web uses ` · `. */
export const CLOCKS_SEPARATOR = ' / ';

/**
 * The instant on every clock, in order: `10:00 Москва / 12:00 Караганда`; a clock on another date
 * than the first gets a day marker, `23:30 Москва / 01:30 (+1) Караганда`.
 */
export function formatClocks(
  at: string | Date,
  clocks: readonly TClock[],
  separator = CLOCKS_SEPARATOR,
): string {
  return formatBothTimes(
    at,
    clocks.map((c) => ({ zone: c.timeZone, label: c.label })),
    separator,
  );
}

/** A range on every clock, in order: `10:00–11:30 Москва / 12:00–13:30 Караганда`. */
export function formatClockRanges(
  start: string | Date,
  end: string | Date,
  clocks: readonly TClock[],
  separator = CLOCKS_SEPARATOR,
): string {
  return formatBothRanges(
    start,
    end,
    clocks.map((c) => ({ zone: c.timeZone, label: c.label })),
    separator,
  );
}
