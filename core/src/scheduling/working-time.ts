import { DateTime } from 'luxon';
import { dayInfo } from '../calendar/production-calendar.ts';
import type { TLocalizedText } from '../schemas/common.ts';
import type { TLessonPeriod, TWorkingHours } from '../schemas/institution.ts';

/** What the working-time rules need to know of an institution. */
export type TInstitutionCalendar = {
  id: string;
  country: string;
  timeZone: string;
  workingHours: TWorkingHours;
  lessonPeriods: TLessonPeriod[];
};

export type TViolationReason = 'holiday' | 'day_off' | 'not_a_working_weekday' | 'outside_working_hours';

/** Why a time does not suit one side: which institution, its country, its local date and the rule. */
export type TViolation = {
  institutionId: string;
  country: string;
  date: string;
  reason: TViolationReason;
  holidayName?: TLocalizedText;
  localStart?: string;
  localEnd?: string;
};

export type TLocalDayStatus = {
  working: boolean;
  reason?: 'holiday' | 'day_off' | 'not_a_working_weekday';
  holidayName?: TLocalizedText;
};

/**
 * Whether an institution works on a local date: its country's production calendar (holidays,
 * transferred days off, working Saturdays) and its own working weekdays. Countries without a
 * calendar table fall back to the institution's weekdays.
 */
export function localDayStatus(
  inst: Pick<TInstitutionCalendar, 'country' | 'workingHours'>,
  localDate: string,
): TLocalDayStatus {
  const weekday = ((new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (inst.country === 'RU' || inst.country === 'KZ') {
    const info = dayInfo(inst.country, localDate);
    if (!info.working) {
      return info.kind === 'holiday'
        ? { working: false, reason: 'holiday', ...(info.name ? { holidayName: info.name } : {}) }
        : { working: false, reason: 'day_off', ...(info.name ? { holidayName: info.name } : {}) };
    }
    // A working Saturday by decree counts for colleges on a five-day week too.
    if (info.kind === 'working_weekend') return { working: true };
  }
  if (!inst.workingHours.weekdays.includes(weekday))
    return { working: false, reason: 'not_a_working_weekday' };
  return { working: true };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Checks one occurrence against every side's calendar and working hours. Returns one violation
 * per side at fault (empty when the time suits everyone).
 */
export function checkWorkingTime(
  sides: TInstitutionCalendar[],
  startUtc: string,
  endUtc: string,
): TViolation[] {
  const violations: TViolation[] = [];
  for (const inst of sides) {
    const start = DateTime.fromISO(startUtc, { zone: inst.timeZone });
    const end = DateTime.fromISO(endUtc, { zone: inst.timeZone });
    const date = start.toISODate()!;
    const local = {
      localStart: start.toISO({ suppressMilliseconds: true })!,
      localEnd: end.toISO({ suppressMilliseconds: true })!,
    };
    const day = localDayStatus(inst, date);
    if (!day.working) {
      violations.push({
        institutionId: inst.id,
        country: inst.country,
        date,
        reason: day.reason!,
        ...(day.holidayName ? { holidayName: day.holidayName } : {}),
        ...local,
      });
      continue;
    }
    const startMin = start.hour * 60 + start.minute;
    const endMin =
      end.toISODate() === date ? end.hour * 60 + end.minute : 24 * 60 + end.hour * 60 + end.minute;
    if (startMin < minutesOf(inst.workingHours.start) || endMin > minutesOf(inst.workingHours.end)) {
      violations.push({
        institutionId: inst.id,
        country: inst.country,
        date,
        reason: 'outside_working_hours',
        ...local,
      });
    }
  }
  return violations;
}
