import { isWorkingDay } from '@telemost/core/calendar/production-calendar';
import { DateTime } from 'luxon';

/** ICU writes narrow no-break spaces in dates; compare page text with plain spaces. */
export const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

/** The first weekday at least `afterDays` ahead that both Russia and Kazakhstan work. */
export function nextCommonWorkingDay(afterDays: number): string {
  let day = DateTime.now().setZone('Europe/Moscow').startOf('day').plus({ days: afterDays });
  for (;;) {
    const date = day.toISODate()!;
    if (day.weekday <= 5 && isWorkingDay('RU', date) && isWorkingDay('KZ', date)) return date;
    day = day.plus({ days: 1 });
  }
}
