import type { TEventView } from '@telemost/core/schemas/event';
import type { TLocale } from './i18n/dictionary.ts';
import type { TClock } from './time.ts';

type TSide = Pick<TEventView['institutions'][number], 'timeZone' | 'city'>;

/**
 * The clocks to show an event on: one per distinct city and zone of the colleges involved, the
 * viewer's zone first (two Moscow colleges give one "Москва" clock).
 */
export function clocksOf(sides: TSide[], locale: TLocale, viewerZone?: string): TClock[] {
  const clocks: TClock[] = [];
  for (const side of sides) {
    const label = side.city[locale] || side.city.ru;
    if (!clocks.some((c) => c.timeZone === side.timeZone && c.label === label)) {
      clocks.push({ timeZone: side.timeZone, label });
    }
  }
  if (viewerZone) {
    const mine = clocks.findIndex((c) => c.timeZone === viewerZone);
    if (mine > 0) clocks.unshift(...clocks.splice(mine, 1));
  }
  return clocks;
}
