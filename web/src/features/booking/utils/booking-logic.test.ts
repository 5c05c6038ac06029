import { ZCreateEventRequestSchema } from '@telemost/core/schemas/event';
import { describe, expect, it } from 'vitest';
import type { TProblem } from '../../../lib/api-client.ts';
import { translator } from '../../../lib/i18n/i18n.tsx';
import { createDirectory, createUser, KARAGANDA_ID, MOSCOW_ID } from '../../../testing/data-generators.ts';
import {
  describeSkipped,
  emptyDraft,
  liveTimeProblems,
  mapBookingProblem,
  slotReasons,
  spreadSlots,
  type TBookingDraft,
  toCreateRequest,
  validateDraft,
} from './booking-logic.ts';

const t = translator('ru');
const dir = createDirectory();
const [mskGroup, krgGroup] = dir.groups as [(typeof dir.groups)[0], (typeof dir.groups)[0]];
const NOW = new Date('2027-02-01T09:00:00Z');

function validDraft(overrides: Partial<TBookingDraft> = {}): TBookingDraft {
  return {
    ...emptyDraft({
      partnershipId: dir.partnerships[0]!.id,
      teacherId: createUser().id,
      timeZone: 'Europe/Moscow',
    }),
    partnerInstitutionIds: [KARAGANDA_ID],
    groupIds: [mskGroup.id, krgGroup.id],
    title: 'BIM-моделирование',
    time: { timeZone: 'Europe/Moscow', local: '2027-02-10T10:00' },
    ...overrides,
  };
}

const ctx = {
  t,
  locale: 'ru' as const,
  institutions: dir.institutions,
  groups: dir.groups,
  teachers: [createUser()],
  clocks: [
    { timeZone: 'Europe/Moscow', label: 'Москва' },
    { timeZone: 'Asia/Almaty', label: 'Караганда' },
  ],
};

/** ICU puts narrow no-break spaces in dates (`2027 г.`); compare them as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const problem = (p: Partial<TProblem> & Record<string, unknown>): TProblem => ({
  status: 422,
  code: 'validation_failed',
  ...p,
});

describe('validateDraft', () => {
  it('when the draft is complete, then there is nothing to fix', () => {
    expect(validateDraft(validDraft(), { t, now: NOW, groups: dir.groups })).toEqual({});
  });

  it('when nothing is chosen, then each missing field gets its own message', () => {
    const errors = validateDraft(
      validDraft({
        partnerInstitutionIds: [],
        groupIds: [],
        teacherIds: [],
        title: ' ',
        time: { timeZone: 'Europe/Moscow', local: '' },
      }),
      { t, now: NOW, groups: dir.groups },
    );
    expect(errors).toEqual({
      institutionIds: 'Отметьте хотя бы один колледж-партнёр.',
      groupIds: 'Выберите хотя бы одну группу.',
      title: 'Введите название.',
      start: 'Укажите дату и время начала.',
    });
  });

  it('when a joint lesson has no group of the partner college, then the groups field says so', () => {
    const errors = validateDraft(validDraft({ groupIds: [mskGroup.id] }), {
      t,
      now: NOW,
      groups: dir.groups,
    });
    expect(errors.groupIds).toBe('Для совместного занятия выберите группу колледжа-партнёра.');
  });

  it('when the start has passed or falls into a DST gap, then the time field says which', () => {
    expect(
      validateDraft(validDraft({ time: { timeZone: 'Europe/Moscow', local: '2027-01-10T10:00' } }), {
        t,
        now: NOW,
        groups: dir.groups,
      }).start,
    ).toBe('Это время уже прошло.');
    expect(
      validateDraft(validDraft({ time: { timeZone: 'America/New_York', local: '2027-03-14T02:30' } }), {
        t,
        now: NOW,
        groups: dir.groups,
      }).start,
    ).toMatch(/часы переводятся вперёд/);
  });

  it('when a weekly series has no weekdays or ends before it starts, then the recurrence fields say so', () => {
    const errors = validateDraft(
      validDraft({ repeat: true, weekdays: [], repeatEnd: 'until', until: '2027-02-01' }),
      {
        t,
        now: NOW,
        groups: dir.groups,
      },
    );
    expect(errors.weekdays).toBe('Выберите дни недели.');
    expect(errors.repeatEnd).toBe('Последняя дата раньше первого занятия.');
  });
});

describe('toCreateRequest', () => {
  it('when a time was typed on the Karaganda clock, then it is sent as that wall time with Asia/Almaty', () => {
    const body = toCreateRequest(
      validDraft({ time: { timeZone: 'Asia/Almaty', local: '2027-02-10T12:00' } }),
    );
    expect(body).toMatchObject({
      localStart: '2027-02-10T12:00',
      timeZone: 'Asia/Almaty',
      institutionIds: [KARAGANDA_ID],
    });
    expect(ZCreateEventRequestSchema.safeParse(body).success).toBe(true);
  });

  it('when the draft repeats weekly, then the recurrence carries sorted weekdays and exactly one end', () => {
    const body = toCreateRequest(
      validDraft({ repeat: true, weekdays: [3, 1], repeatEnd: 'count', count: 6 }),
    );
    expect(body.recurrence).toEqual({ weekdays: [1, 3], count: 6 });
    expect(ZCreateEventRequestSchema.safeParse(body).success).toBe(true);
  });
});

describe('mapBookingProblem', () => {
  it('when the api answers 409 booking_conflict, then the message names the other event and the group', () => {
    const mapped = mapBookingProblem(
      problem({
        status: 409,
        code: 'booking_conflict',
        conflicts: [
          {
            eventId: 'e1',
            title: 'Олимпиада WorldSkills',
            start: '2027-02-10T07:00:00.000Z',
            end: '2027-02-10T08:30:00.000Z',
            resourceType: 'group',
            resourceId: krgGroup.id,
          },
        ],
      }),
      ctx,
    );
    expect(mapped.fields.start).toBe('Время пересекается с другим мероприятием.');
    expect(plain(mapped.conflicts[0]!.message)).toBe(
      'Занято: Группа СТР-11 — «Олимпиада WorldSkills», среда, 10 февраля 2027 г., 10:00–11:30 Москва · 12:00–13:30 Караганда.',
    );
  });

  it('when the api answers calendar_violation for a Kazakh holiday, then the message names the side, the country and the holiday', () => {
    const mapped = mapBookingProblem(
      problem({
        code: 'calendar_violation',
        violations: [
          {
            institutionId: KARAGANDA_ID,
            country: 'KZ',
            date: '2027-03-22',
            reason: 'holiday',
            holidayName: { ru: 'Наурыз мейрамы', kk: 'Наурыз мейрамы', en: 'Nauryz' },
          },
        ],
      }),
      ctx,
    );
    expect(mapped.summary.map(plain)).toEqual([
      'Караганда — Карагандинский строительный колледж (Казахстан): понедельник, 22 марта 2027 г. — праздник «Наурыз мейрамы».',
    ]);
    expect(mapped.fields.start).toMatch(/рабочему календарю/);
  });

  it('when the time is outside Moscow working hours, then the message gives the local time and the hours', () => {
    const mapped = mapBookingProblem(
      problem({
        code: 'calendar_violation',
        violations: [
          {
            institutionId: MOSCOW_ID,
            country: 'RU',
            date: '2027-02-10',
            reason: 'outside_working_hours',
            localStart: '2027-02-10T18:00:00+03:00',
          },
        ],
      }),
      ctx,
    );
    expect(mapped.summary[0]).toBe(
      'Москва — Колледж № 26 (Россия): 18:00 — вне рабочего времени колледжа (08:30–17:30).',
    );
  });

  it('when the api lists field errors, then each lands on its form field', () => {
    const mapped = mapBookingProblem(
      problem({
        errors: [
          { field: 'groupIds.1', message: 'is not a member of this partnership' },
          { field: 'localStart', message: 'bad' },
          { field: 'recurrence.count', message: 'too big' },
        ],
      }),
      ctx,
    );
    expect(mapped.fields).toEqual({
      groupIds: 'Эти группы нельзя пригласить по этому соглашению.',
      start: 'Проверьте время начала.',
      repeatEnd: 'Количество занятий — от 1 до 200.',
    });
  });

  it('when the local time does not exist, then the time field says the clocks move forward', () => {
    const mapped = mapBookingProblem(
      problem({ code: 'nonexistent_local_time', errors: [{ field: 'localStart', message: 'x' }] }),
      ctx,
    );
    expect(mapped.fields.start).toMatch(/часы переводятся вперёд/);
  });
});

describe('describeSkipped', () => {
  it('when a series skipped a Kazakh holiday, then the reason names the country and the holiday', () => {
    expect(describeSkipped('holiday:KZ:Independence Day', '2026-12-16', t, 'ru')).toBe(
      'праздник (Казахстан): День Независимости',
    );
    expect(describeSkipped('holiday:KZ:Independence Day', '2026-12-16', translator('kk'), 'kk')).toMatch(
      /^мереке \(Қазақстан\): Тәуелсіздік/,
    );
    expect(describeSkipped('day_off:RU', '2027-01-04', t, 'ru')).toBe('выходной день (Россия)');
  });
});

describe('liveTimeProblems', () => {
  it('when a 90-minute lesson starts 17:00 in Moscow, then the problem named is its 18:30 end, not the 17:00 start', () => {
    const problems = liveTimeProblems(
      validDraft({ time: { timeZone: 'Europe/Moscow', local: '2027-02-10T17:00' } }),
      dir.institutions,
      ctx,
    );
    expect(problems).toEqual([
      'Москва — Колледж № 26 (Россия): окончание в 18:30 — позже конца рабочего дня колледжа (17:30).',
      'Караганда — Карагандинский строительный колледж (Казахстан): начало в 19:00 — рабочий день колледжа уже закончился (18:00).',
    ]);
  });

  it('when it starts before Karaganda opens, then the start is named on the Karaganda clock', () => {
    const problems = liveTimeProblems(
      validDraft({ time: { timeZone: 'Asia/Almaty', local: '2027-02-10T07:30' } }),
      dir.institutions,
      ctx,
    );
    expect(
      problems.some((p) => p.includes('начало в 07:30 — раньше начала рабочего дня колледжа (08:00)')),
    ).toBe(true);
  });

  it('when the time suits both sides or is not complete, then nothing is said', () => {
    expect(liveTimeProblems(validDraft(), dir.institutions, ctx)).toEqual([]);
    expect(
      liveTimeProblems(validDraft({ time: { timeZone: 'Europe/Moscow', local: '' } }), dir.institutions, ctx),
    ).toEqual([]);
  });
});

describe('mapBookingProblem conflicts', () => {
  it('when one other event holds a group and a teacher, then it is listed once, naming both', () => {
    const held = {
      eventId: 'e1',
      title: 'Олимпиада',
      start: '2027-02-10T07:00:00.000Z',
      end: '2027-02-10T08:30:00.000Z',
    };
    const mapped = mapBookingProblem(
      problem({
        status: 409,
        code: 'booking_conflict',
        conflicts: [
          { ...held, resourceType: 'group', resourceId: krgGroup.id },
          { ...held, resourceType: 'teacher', resourceId: createUser().id },
          { ...held, resourceType: 'group', resourceId: krgGroup.id },
        ],
      }),
      ctx,
    );
    expect(mapped.conflicts).toHaveLength(1);
    expect(plain(mapped.conflicts[0]!.message)).toMatch(
      /^Занято: Группа СТР-11, Преподаватель .+ — «Олимпиада»/,
    );
  });
});

describe('spreadSlots', () => {
  // Every half hour from 08:00 to 16:00 Moscow on two days, the earliest scored best.
  const slots = ['2027-02-10', '2027-02-11'].flatMap((day, d) =>
    Array.from({ length: 17 }, (_, i) => {
      const start = new Date(Date.parse(`${day}T05:00:00Z`) + i * 30 * 60_000);
      return {
        start: start.toISOString(),
        end: new Date(start.getTime() + 90 * 60_000).toISOString(),
        score: 100 - i - d,
      };
    }),
  );
  const hourIn = (iso: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', timeZone: 'Europe/Moscow' }).format(new Date(iso)),
    );

  it('when the finder returns a run of neighbouring slots, then the suggestions start at different hours', () => {
    const chosen = spreadSlots(slots, { timeZone: 'Europe/Moscow', partOfDay: 'any', max: 4 });
    expect(chosen).toHaveLength(4);
    expect(new Set(chosen.map((s) => hourIn(s.start))).size).toBe(4);
  });

  it('when the afternoon is asked for, then every suggestion starts at 15:00 or later on that clock', () => {
    const chosen = spreadSlots(slots, { timeZone: 'Europe/Moscow', partOfDay: 'afternoon', max: 6 });
    expect(chosen.length).toBeGreaterThan(0);
    for (const s of chosen) expect(hourIn(s.start)).toBeGreaterThanOrEqual(15);
  });
});

describe('slotReasons', () => {
  it('when a slot is a Karaganda lesson period, then the reasons say so besides working hours and no clash', () => {
    const krg = dir.institutions.find((i) => i.id === KARAGANDA_ID)!;
    const reasons = slotReasons({ start: '2027-02-10T04:40:00Z', end: '2027-02-10T06:10:00Z' }, [krg], {
      t,
      locale: 'ru',
    });
    expect(reasons).toEqual(['в рабочие часы обеих сторон', 'без пересечений', '2 пара (Караганда)']);
  });
});
