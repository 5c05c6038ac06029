import type { TConflict as TCoreConflict, TProblemViolation } from '@telemost/core/contracts/problem';
import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TGroup } from '@telemost/core/schemas/partnership';
import type { TUser } from '@telemost/core/schemas/user';
import type { TLocale } from './i18n/dictionary.ts';
import type { TTranslate } from './i18n/i18n.tsx';
import { formatBothRanges, formatLongDate, type TClock } from './time.ts';

/** One overlapping booking named by a 409 (core's problem contract). */
export type TConflict = TCoreConflict;
/** One side's reason to refuse a time, from a 422 `calendar_violation` (core's problem contract). */
export type TViolation = TProblemViolation;

/** Names the form needs to turn ids in a problem into words. */
export type TProblemContext = {
  t: TTranslate;
  locale: TLocale;
  institutions: TInstitution[];
  groups: TGroup[];
  teachers: Pick<TUser, 'id' | 'name'>[];
  clocks: TClock[];
};

/** A college in a sentence: `Караганда, Карагандинский строительный колледж`. */
export function sideName(inst: TInstitution | undefined, ctx: TProblemContext): string {
  if (!inst) return ctx.t('booking.otherSide');
  return `${inst.city[ctx.locale] || inst.city.ru} — ${inst.name[ctx.locale] || inst.name.ru}`;
}

/** A country code in words. */
export function countryName(code: string, t: TTranslate): string {
  return code === 'RU' ? t('country.RU') : code === 'KZ' ? t('country.KZ') : code;
}

/** Says, in the UI language, why one side cannot have the activity at that time. */
export function describeViolation(v: TViolation, ctx: TProblemContext): string {
  const inst = ctx.institutions.find((i) => i.id === v.institutionId);
  const zone = inst?.timeZone ?? 'UTC';
  const date = formatLongDate(`${v.date}T12:00:00Z`, 'UTC', ctx.locale);
  const vars = {
    side: sideName(inst, ctx),
    country: countryName(v.country, ctx.t),
    date,
    holiday: v.holidayName ? v.holidayName[ctx.locale] || v.holidayName.ru : '',
    hours: inst ? `${inst.workingHours.start}–${inst.workingHours.end}` : '',
    time: v.localStart ? v.localStart.slice(11, 16) : '',
    zone,
  };
  switch (v.reason) {
    case 'holiday':
      return ctx.t(v.holidayName ? 'booking.violation.holidayNamed' : 'booking.violation.holiday', vars);
    case 'day_off':
      return ctx.t('booking.violation.dayOff', vars);
    case 'not_a_working_weekday':
      return ctx.t('booking.violation.weekday', vars);
    case 'outside_working_hours': {
      // Name the end that is wrong: "ends 18:30, after the working day ends at 17:30", not "17:00 is outside".
      if (!inst || !v.localStart || !v.localEnd) return ctx.t('booking.violation.hours', vars);
      const start = v.localStart.slice(11, 16);
      const end = v.localEnd.slice(11, 16);
      const nextDay = v.localEnd.slice(0, 10) > v.localStart.slice(0, 10);
      const { start: open, end: close } = inst.workingHours;
      if (start < open) return ctx.t('booking.violation.startsEarly', { ...vars, time: start, open });
      if (start >= close) return ctx.t('booking.violation.startsLate', { ...vars, time: start, close });
      if (end > close || nextDay) return ctx.t('booking.violation.endsLate', { ...vars, end, close });
      return ctx.t('booking.violation.hours', vars);
    }
  }
}

function resourceName(c: TConflict, ctx: TProblemContext): string {
  const resource =
    c.resourceType === 'group'
      ? ctx.t('booking.resource.group', { name: ctx.groups.find((g) => g.id === c.resourceId)?.name ?? '' })
      : c.resourceType === 'teacher'
        ? ctx.t('booking.resource.teacher', {
            name: ctx.teachers.find((x) => x.id === c.resourceId)?.name ?? '',
          })
        : ctx.t('booking.resource.room');
  return resource.trim();
}

/** Names the other booking that holds a group, teacher or room at that time. */
export function describeConflict(c: TConflict, ctx: TProblemContext): string {
  return describeConflicts([c], ctx);
}

/** Names one other booking once, with every group, teacher or room of ours it holds. */
export function describeConflicts(held: TConflict[], ctx: TProblemContext): string {
  const c = held[0]!;
  const times = formatBothRanges(c.start, c.end, ctx.clocks);
  const date = ctx.clocks[0] ? formatLongDate(c.start, ctx.clocks[0].timeZone, ctx.locale) : '';
  const resource = [...new Set(held.map((h) => resourceName(h, ctx)))].join(', ');
  return ctx.t('booking.conflict', { resource, title: c.title, date, times });
}
