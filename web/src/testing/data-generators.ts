import type { TEventView } from '@telemost/core/schemas/event';
import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TGroup, TPartnership } from '@telemost/core/schemas/partnership';
import type { TUser } from '@telemost/core/schemas/user';
import type { TDirectory } from '../lib/directory.ts';

const HOURS = { start: '08:30', end: '17:30', weekdays: [1, 2, 3, 4, 5] };

export const MOSCOW_ID = '11111111-1111-4111-8111-111111111111';
export const KARAGANDA_ID = '22222222-2222-4222-8222-222222222222';

/** A college; Moscow No. 26 unless overridden. */
export function createInstitution(overrides: Partial<TInstitution> = {}): TInstitution {
  return {
    id: MOSCOW_ID,
    code: 'msk-26',
    name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' },
    city: { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' },
    country: 'RU',
    timeZone: 'Europe/Moscow',
    workingHours: HOURS,
    lessonPeriods: [],
    ...overrides,
  };
}

/** The Karaganda College of Construction (Asia/Almaty). */
export function createKaragandaInstitution(overrides: Partial<TInstitution> = {}): TInstitution {
  return createInstitution({
    id: KARAGANDA_ID,
    code: 'krg-construction',
    name: {
      ru: 'Карагандинский строительный колледж',
      kk: 'Қарағанды құрылыс колледжі',
      en: 'Karaganda College of Construction',
    },
    city: { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' },
    country: 'KZ',
    timeZone: 'Asia/Almaty',
    workingHours: { start: '08:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] },
    lessonPeriods: [
      { start: '08:00', end: '09:30' },
      { start: '09:40', end: '11:10' },
    ],
    ...overrides,
  });
}

export function createGroup(overrides: Partial<TGroup> = {}): TGroup {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    institutionId: MOSCOW_ID,
    name: 'АД-21',
    size: 3,
    ...overrides,
  };
}

export function createUser(overrides: Partial<TUser> = {}): TUser {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    email: 'teacher1.msk-26@telemost.example',
    name: 'Анна Смирнова',
    role: 'teacher',
    institutionId: MOSCOW_ID,
    locale: 'ru',
    timeZone: null,
    ...overrides,
  };
}

export function createPartnership(overrides: Partial<TPartnership> = {}): TPartnership {
  return {
    id: '55555555-5555-4555-8555-555555555555',
    number: '1/2026',
    title: { ru: 'Соглашение', kk: 'Келісім', en: 'Agreement' },
    signedOn: '2026-01-10',
    validFrom: '2026-01-10',
    validTo: null,
    institutionIds: [MOSCOW_ID, KARAGANDA_ID],
    planItems: [],
    ...overrides,
  };
}

/** Moscow No. 26 and the Karaganda College of Construction with one group each, under one agreement. */
export function createDirectory(overrides: Partial<TDirectory> = {}): TDirectory {
  return {
    institutions: [createInstitution(), createKaragandaInstitution()],
    partnerships: [createPartnership()],
    groups: [
      createGroup(),
      createGroup({
        id: '66666666-6666-4666-8666-666666666666',
        institutionId: KARAGANDA_ID,
        name: 'СТР-11',
        size: 3,
      }),
    ],
    ...overrides,
  };
}

/** An event as the api returns it, between Moscow and Karaganda, at `start` for 90 minutes. */
export function createEvent(overrides: Partial<TEventView> & { start?: string } = {}): TEventView {
  const start = overrides.start ?? '2027-02-10T07:00:00.000Z';
  const end = new Date(new Date(start).getTime() + 90 * 60_000).toISOString();
  const side = (inst: TInstitution, offset: string) => ({
    id: inst.id,
    code: inst.code,
    name: inst.name,
    city: inst.city,
    timeZone: inst.timeZone,
    decision: 'pending' as const,
    reschedulePreApproved: false,
    localStart: start,
    localEnd: end,
    offset,
  });
  return {
    id: '77777777-7777-4777-8777-777777777777',
    partnershipId: createPartnership().id,
    kind: 'joint_lesson',
    title: 'BIM-моделирование',
    description: null,
    status: 'proposed',
    start,
    end,
    durationMinutes: 90,
    version: 1,
    seriesId: null,
    seriesIndex: null,
    calendarOverride: false,
    overrideNote: null,
    organizer: { id: createUser().id, name: 'Анна Смирнова', institutionId: MOSCOW_ID },
    institutions: [side(createInstitution(), '+03:00'), side(createKaragandaInstitution(), '+05:00')],
    requester: { timeZone: 'Europe/Moscow', localStart: start, localEnd: end, offset: '+03:00' },
    groups: [],
    teachers: [],
    rooms: [],
    reminderOffsetsMinutes: [1440, 15],
    roomStatus: 'none',
    endedAt: null,
    updatedAt: '2027-02-01T09:00:00.000Z',
    joinOpensAt: new Date(new Date(start).getTime() - 15 * 60_000).toISOString(),
    myDecisionInstitutionId: null,
    canCancel: true,
    canEdit: true,
    ...overrides,
  };
}
