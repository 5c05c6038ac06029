import { dayInfo } from '@telemost/core/calendar/production-calendar';
import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import type { TEventKind, TGroup } from '@telemost/core/schemas/partnership';
import type { TZonedInput } from '../../../components/dual-zone-time-input.tsx';
import type { TProblem } from '../../../lib/api-client.ts';
import type { TLocale, TMessageKey } from '../../../lib/i18n/dictionary.ts';
import type { TTranslate } from '../../../lib/i18n/i18n.tsx';
import {
  countryName,
  describeConflict,
  describeViolation,
  type TConflict,
  type TProblemContext,
  type TViolation,
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
    const list = Array.isArray(problem.conflicts) ? (problem.conflicts as TConflict[]) : [];
    const seen = new Set<string>();
    for (const c of list) {
      const key = `${c.eventId}-${c.resourceType}-${c.resourceId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      conflicts.push({ ...c, message: describeConflict(c, ctx) });
    }
    fields.start = t('booking.error.taken');
    if (conflicts.length === 0) summary.push(t('booking.error.taken'));
    return { fields, summary, conflicts };
  }
  if (problem.code === 'calendar_violation') {
    const list = Array.isArray(problem.violations) ? (problem.violations as TViolation[]) : [];
    for (const v of list.slice(0, 5)) summary.push(describeViolation(v, ctx));
    if (list.length > 5) summary.push(t('booking.violation.more', { count: list.length - 5 }));
    if (list.length === 0) {
      summary.push(
        t(Array.isArray(problem.skipped) ? 'booking.violation.allSkipped' : 'booking.violation.generic'),
      );
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
