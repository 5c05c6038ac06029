import { dayInfo } from '@telemost/core/calendar/production-calendar';
import { checkWorkingTime } from '@telemost/core/scheduling/working-time';
import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TEventKind, TGroup } from '@telemost/core/schemas/partnership';
import { DateTime } from 'luxon';
import type { TZonedInput } from '../../../components/dual-zone-time-input.tsx';
import type { TProblem } from '../../../lib/api-client.ts';
import type { TLocale, TMessageKey } from '../../../lib/i18n/dictionary.ts';
import type { TTranslate } from '../../../lib/i18n/i18n.tsx';
import {
  countryName,
  describeConflicts,
  describeViolation,
  type TConflict,
  type TProblemContext,
} from '../../../lib/schedule-problems.ts';
import { readLocalInput } from '../../../lib/zone-time.ts';

/** Everything the booking form holds, before it becomes a request. */
export type TBookingDraft = {
  partnershipId: string;
  partnerInstitutionIds: string[];
  groupIds: string[];
  teacherIds: string[];
  kind: TEventKind;
  title: string;
  description: string;
  durationMinutes: number;
  time: TZonedInput;
  repeat: boolean;
  weekdays: number[];
  repeatEnd: 'count' | 'until';
  count: number;
  until: string;
  overrideCalendar: boolean;
  overrideNote: string;
};

/** The form's fields that can carry a message. */
export type TBookingField =
  | 'partnershipId'
  | 'institutionIds'
  | 'groupIds'
  | 'teacherIds'
  | 'kind'
  | 'title'
  | 'description'
  | 'durationMinutes'
  | 'start'
  | 'weekdays'
  | 'repeatEnd'
  | 'overrideNote';

export type TFieldMessages = Partial<Record<TBookingField, string>>;

/** A fresh draft: the first agreement, a 90-minute joint lesson, the organiser as teacher. */
export function emptyDraft(options: {
  partnershipId: string;
  teacherId?: string;
  timeZone: string;
}): TBookingDraft {
  return {
    partnershipId: options.partnershipId,
    partnerInstitutionIds: [],
    groupIds: [],
    teacherIds: options.teacherId ? [options.teacherId] : [],
    kind: 'joint_lesson',
    title: '',
    description: '',
    durationMinutes: 90,
    time: { timeZone: options.timeZone, local: '' },
    repeat: false,
    weekdays: [],
    repeatEnd: 'count',
    count: 8,
    until: '',
    overrideCalendar: false,
    overrideNote: '',
  };
}

/**
 * Checks a draft before it is sent: what the api would refuse anyway, said next to the field
 * and in the UI language. The api stays the judge of conflicts and working calendars.
 */
export function validateDraft(
  draft: TBookingDraft,
  ctx: { t: TTranslate; now: Date; groups: TGroup[] },
): TFieldMessages {
  const { t } = ctx;
  const errors: TFieldMessages = {};
  if (!draft.partnershipId) errors.partnershipId = t('booking.error.partnership');
  if (draft.partnerInstitutionIds.length === 0) errors.institutionIds = t('booking.error.partner');
  if (draft.groupIds.length === 0 && draft.teacherIds.length === 0)
    errors.groupIds = t('booking.error.groups');
  else if (draft.partnerInstitutionIds.length > 0) {
    const partnerGroups = ctx.groups.filter(
      (g) => draft.groupIds.includes(g.id) && draft.partnerInstitutionIds.includes(g.institutionId),
    );
    if (draft.kind === 'joint_lesson' && partnerGroups.length === 0)
      errors.groupIds = t('booking.error.partnerGroup');
  }
  const title = draft.title.trim();
  if (!title) errors.title = t('booking.error.title');
  else if (title.length > 200) errors.title = t('booking.error.titleLong');
  if (draft.description.length > 5000) errors.description = t('booking.error.descriptionLong');
  if (!Number.isInteger(draft.durationMinutes) || draft.durationMinutes < 15 || draft.durationMinutes > 480) {
    errors.durationMinutes = t('booking.error.duration');
  }
  const reading = readLocalInput(draft.time.local, draft.time.timeZone);
  if (!reading.ok) {
    errors.start =
      reading.reason === 'empty'
        ? t('booking.error.time')
        : reading.reason === 'nonexistent'
          ? t('time.nonexistent')
          : t('time.invalid');
  } else if (new Date(reading.utc).getTime() <= ctx.now.getTime()) {
    errors.start = t('booking.error.past');
  }
  if (draft.repeat) {
    if (draft.weekdays.length === 0) errors.weekdays = t('booking.error.weekdays');
    if (
      draft.repeatEnd === 'count' &&
      (!Number.isInteger(draft.count) || draft.count < 1 || draft.count > 200)
    ) {
      errors.repeatEnd = t('booking.error.count');
    }
    if (draft.repeatEnd === 'until') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.until)) errors.repeatEnd = t('booking.error.until');
      else if (draft.time.local && draft.until < draft.time.local.slice(0, 10)) {
        errors.repeatEnd = t('booking.error.untilBefore');
      }
    }
  }
  if (draft.overrideNote.length > 500) errors.overrideNote = t('booking.error.noteLong');
  return errors;
}

/** The `POST /api/events` body of a valid draft: the time goes as typed, on the clock it was typed on. */
export function toCreateRequest(draft: TBookingDraft): TCreateEventRequest {
  const description = draft.description.trim();
  return {
    partnershipId: draft.partnershipId,
    kind: draft.kind,
    title: draft.title.trim(),
    ...(description ? { description } : {}),
    localStart: draft.time.local.slice(0, 16),
    timeZone: draft.time.timeZone,
    durationMinutes: draft.durationMinutes,
    groupIds: draft.groupIds,
    teacherIds: draft.teacherIds,
    roomIds: [],
    institutionIds: draft.partnerInstitutionIds,
    ...(draft.repeat
      ? {
          recurrence: {
            weekdays: [...draft.weekdays].sort((a, b) => a - b),
            ...(draft.repeatEnd === 'count' ? { count: draft.count } : { until: draft.until }),
          },
        }
      : {}),
    overrideCalendar: draft.overrideCalendar,
    ...(draft.overrideCalendar && draft.overrideNote.trim()
      ? { overrideNote: draft.overrideNote.trim() }
      : {}),
  };
}

/** Which form field an api field path belongs to (`groupIds.0` → groupIds, `localStart` → start). */
export function formFieldOf(apiField: string): TBookingField | null {
  const head = apiField.split('.')[0] ?? '';
  if (head === 'start' || head === 'localStart' || head === 'timeZone') return 'start';
  if (head === 'recurrence') return apiField.includes('weekdays') ? 'weekdays' : 'repeatEnd';
  if (head === 'overrideCalendar') return 'start';
  const known: TBookingField[] = [
    'partnershipId',
    'institutionIds',
    'groupIds',
    'teacherIds',
    'kind',
    'title',
    'description',
    'durationMinutes',
    'overrideNote',
  ];
  return known.includes(head as TBookingField) ? (head as TBookingField) : null;
}

const FIELD_MESSAGE: Record<TBookingField, TMessageKey> = {
  partnershipId: 'booking.error.partnership',
  institutionIds: 'booking.error.partnerInvalid',
  groupIds: 'booking.error.groupsInvalid',
  teacherIds: 'booking.error.teachersInvalid',
  kind: 'booking.error.kind',
  title: 'booking.error.title',
  description: 'booking.error.descriptionLong',
  durationMinutes: 'booking.error.duration',
  start: 'booking.error.startInvalid',
  weekdays: 'booking.error.weekdays',
  repeatEnd: 'booking.error.count',
  overrideNote: 'booking.error.noteLong',
};

/** What the form shows for a refused booking: messages by field and sentences above the form. */
export type TMappedProblem = {
  fields: TFieldMessages;
  summary: string[];
  conflicts: (TConflict & { message: string })[];
};

/**
 * Turns a refused booking into words next to the right fields: conflicts name the other event,
 * calendar violations name the side, its country and the holiday, other field errors land on
 * their fields.
 */
export function mapBookingProblem(problem: TProblem, ctx: TProblemContext): TMappedProblem {
  const { t } = ctx;
  const fields: TFieldMessages = {};
  const summary: string[] = [];
  const conflicts: TMappedProblem['conflicts'] = [];
  if (problem.code === 'booking_conflict') {
    // Each other event once, with everything it holds (a group and a teacher are one clash).
    const byEvent = new Map<string, TConflict[]>();
    for (const c of problem.conflicts ?? []) {
      const held = byEvent.get(c.eventId) ?? [];
      if (!held.some((h) => h.resourceType === c.resourceType && h.resourceId === c.resourceId)) held.push(c);
      byEvent.set(c.eventId, held);
    }
    for (const held of byEvent.values()) {
      conflicts.push({ ...held[0]!, message: describeConflicts(held, ctx) });
    }
    fields.start = t('booking.error.taken');
    if (conflicts.length === 0) summary.push(t('booking.error.taken'));
    return { fields, summary, conflicts };
  }
  if (problem.code === 'calendar_violation') {
    const list = problem.violations ?? [];
    for (const v of list.slice(0, 5)) summary.push(describeViolation(v, ctx));
    if (list.length > 5) summary.push(t('booking.violation.more', { count: list.length - 5 }));
    if (list.length === 0) {
      summary.push(t(problem.skipped ? 'booking.violation.allSkipped' : 'booking.violation.generic'));
    }
    fields.start = t('booking.error.calendar');
    return { fields, summary, conflicts };
  }
  if (problem.code === 'nonexistent_local_time') {
    fields.start = t('time.nonexistent');
    return { fields, summary, conflicts };
  }
  if (problem.code === 'forbidden') {
    if ((problem.errors ?? []).some((e) => e.field === 'overrideCalendar'))
      fields.start = t('booking.error.override');
    else summary.push(t('error.forbidden'));
    return { fields, summary, conflicts };
  }
  for (const e of problem.errors ?? []) {
    const field = formFieldOf(e.field);
    if (!field) continue;
    if (field === 'start' && /past/i.test(e.message)) fields.start = t('booking.error.past');
    else fields[field] ??= t(FIELD_MESSAGE[field]);
  }
  if (Object.keys(fields).length === 0) summary.push(t('error.validation'));
  return { fields, summary, conflicts };
}

/**
 * Why a series left a date out, from the api's `reason` (`holiday:KZ:Nauryz meyrami`,
 * `day_off:RU`, `not_a_working_weekday:KZ`, `nonexistent_local_time`). A holiday is named in the
 * UI language from the production calendar the api used; the api's English name is the fallback.
 */
export function describeSkipped(reason: string, localDate: string, t: TTranslate, locale: TLocale): string {
  const [kind, country, ...rest] = reason.split(':');
  let holiday = rest.join(':');
  if (kind === 'holiday' && (country === 'RU' || country === 'KZ')) {
    try {
      holiday = dayInfo(country, localDate).name?.[locale] || holiday;
    } catch {
      // A malformed date from the api: keep its own name.
    }
  }
  const vars = { country: country ? countryName(country, t) : '', holiday };
  switch (kind) {
    case 'holiday':
      return t(vars.holiday ? 'booking.skipped.holidayNamed' : 'booking.skipped.holiday', vars);
    case 'day_off':
      return t('booking.skipped.dayOff', vars);
    case 'not_a_working_weekday':
      return t('booking.skipped.weekday', vars);
    case 'nonexistent_local_time':
      return t('time.nonexistent');
    default:
      return t('booking.skipped.other');
  }
}

/**
 * What is wrong with the draft's time for any side, computed here with core's working-time rules
 * while the form is filled (the api checks again on submit): each side's holiday, day off, or the
 * end of its working day, in words naming the actual problem. Empty when the time suits everyone
 * or is not complete yet. A series is checked on its first date.
 */
export function liveTimeProblems(
  draft: Pick<TBookingDraft, 'time' | 'durationMinutes'>,
  sides: TInstitution[],
  ctx: TProblemContext,
): string[] {
  const reading = readLocalInput(draft.time.local, draft.time.timeZone);
  if (!reading.ok || sides.length === 0 || !Number.isFinite(draft.durationMinutes)) return [];
  const end = new Date(Date.parse(reading.utc) + draft.durationMinutes * 60_000).toISOString();
  return checkWorkingTime(sides, reading.utc, end).map((v) => describeViolation(v, ctx));
}

/** A part of the day on the booking's first clock, for the slot finder. */
export type TPartOfDay = 'any' | 'morning' | 'midday' | 'afternoon';

const PART_BOUNDS: Record<TPartOfDay, [number, number]> = {
  any: [0, 24 * 60],
  morning: [0, 12 * 60],
  midday: [12 * 60, 15 * 60],
  afternoon: [15 * 60, 24 * 60],
};

/**
 * The slot finder's suggestions for a person to choose from: only those starting in the chosen part
 * of the day (on `timeZone`'s clock), spread over different start times and days rather than the
 * finder's best-scored run of neighbouring slots, best first within that spread.
 */
export function spreadSlots<T extends { start: string; score: number }>(
  slots: T[],
  options: { timeZone: string; partOfDay: TPartOfDay; max: number },
): T[] {
  const [from, to] = PART_BOUNDS[options.partOfDay];
  const local = (s: T) => DateTime.fromISO(s.start).setZone(options.timeZone);
  const fitting = slots
    .filter((s) => {
      const d = local(s);
      const m = d.hour * 60 + d.minute;
      return m >= from && m < to;
    })
    .sort((a, b) => b.score - a.score || a.start.localeCompare(b.start));
  const chosen: T[] = [];
  const hours = new Set<number>();
  const days = new Map<string, number>();
  // First pass: a new start hour on a day not yet used twice; then fill with the rest.
  for (const s of fitting) {
    if (chosen.length >= options.max) break;
    const d = local(s);
    const day = d.toISODate()!;
    if (hours.has(d.hour) || (days.get(day) ?? 0) >= 2) continue;
    chosen.push(s);
    hours.add(d.hour);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  for (const s of fitting) {
    if (chosen.length >= options.max) break;
    if (!chosen.includes(s)) chosen.push(s);
  }
  return chosen.sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Why a suggested slot is good, in the UI language: inside every side's working hours, free for
 * everyone chosen, and the lesson periods it matches on each side's timetable.
 */
export function slotReasons(
  slot: { start: string; end: string },
  sides: TInstitution[],
  ctx: { t: TTranslate; locale: TLocale },
): string[] {
  const reasons = [ctx.t('booking.slots.whyHours'), ctx.t('booking.slots.whyFree')];
  for (const side of sides) {
    const start = DateTime.fromISO(slot.start).setZone(side.timeZone).toFormat('HH:mm');
    const end = DateTime.fromISO(slot.end).setZone(side.timeZone).toFormat('HH:mm');
    const n = side.lessonPeriods.findIndex((p) => p.start === start && p.end === end);
    if (n >= 0) {
      reasons.push(
        ctx.t('booking.slots.whyPeriod', { n: String(n + 1), city: side.city[ctx.locale] || side.city.ru }),
      );
    }
  }
  return [...new Set(reasons)];
}
