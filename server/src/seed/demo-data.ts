import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TLessonPeriod, TWorkingHours } from '@telemost/core/schemas/institution';

/** Every demo account shares this password. Dev/demo only; never enable SEED_DEMO in production. */
export const DEMO_PASSWORD = 'telemost-demo';

type DemoInstitution = {
  code: string;
  name: TLocalizedText;
  city: TLocalizedText;
  country: 'RU' | 'KZ';
  timeZone: string;
  workingHours: TWorkingHours;
  lessonPeriods: TLessonPeriod[];
  locale: 'ru' | 'kk';
  groups: string[];
  people: { coordinator: string; teachers: string[]; students: string[][] };
};

const MOSCOW = { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' };
const KARAGANDA = { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' };
const MOSCOW_HOURS: TWorkingHours = { start: '08:30', end: '17:30', weekdays: [1, 2, 3, 4, 5] };
const MOSCOW_PERIODS: TLessonPeriod[] = [
  { start: '08:30', end: '10:00' },
  { start: '10:10', end: '11:40' },
  { start: '12:20', end: '13:50' },
  { start: '14:00', end: '15:30' },
  { start: '15:40', end: '17:10' },
];
const KARAGANDA_HOURS: TWorkingHours = { start: '08:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] };
const KARAGANDA_PERIODS: TLessonPeriod[] = [
  { start: '08:00', end: '09:30' },
  { start: '09:40', end: '11:10' },
  { start: '11:30', end: '13:00' },
  { start: '13:10', end: '14:40' },
  { start: '14:50', end: '16:20' },
  { start: '16:30', end: '18:00' },
];

/**
 * The three Moscow colleges of the cooperation agreement and two Karaganda partner colleges.
 * The Karaganda colleges are not named in the source article; these two are demo stand-ins.
 */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    code: 'msk-26',
    name: {
      ru: 'Колледж архитектуры, дизайна и реинжиниринга № 26',
      kk: '№ 26 сәулет, дизайн және реинжиниринг колледжі',
      en: 'College of Architecture, Design and Re-engineering No. 26',
    },
    city: MOSCOW,
    country: 'RU',
    timeZone: 'Europe/Moscow',
    workingHours: MOSCOW_HOURS,
    lessonPeriods: MOSCOW_PERIODS,
    locale: 'ru',
    groups: ['АД-21', 'ДС-22'],
    people: {
      coordinator: 'Ирина Волкова',
      teachers: ['Анна Смирнова', 'Павел Орлов'],
      students: [
        ['Никита Белов', 'Мария Кузнецова', 'Артём Лебедев'],
        ['Софья Новикова', 'Даниил Морозов', 'Алиса Фёдорова'],
      ],
    },
  },
  {
    code: 'msk-23',
    name: {
      ru: 'Колледж индустрии гостеприимства и менеджмента № 23',
      kk: '№ 23 қонақжайлылық индустриясы және менеджмент колледжі',
      en: 'College of Hospitality Industry and Management No. 23',
    },
    city: MOSCOW,
    country: 'RU',
    timeZone: 'Europe/Moscow',
    workingHours: MOSCOW_HOURS,
    lessonPeriods: MOSCOW_PERIODS,
    locale: 'ru',
    groups: ['ГС-31', 'ТУР-32'],
    people: {
      coordinator: 'Елена Соколова',
      teachers: ['Ольга Попова', 'Сергей Васильев'],
      students: [
        ['Иван Петров', 'Полина Зайцева'],
        ['Егор Павлов', 'Виктория Семёнова'],
      ],
    },
  },
  {
    code: 'msk-7',
    name: {
      ru: 'Колледж архитектуры и строительства № 7',
      kk: '№ 7 сәулет және құрылыс колледжі',
      en: 'College of Architecture and Construction No. 7',
    },
    city: MOSCOW,
    country: 'RU',
    timeZone: 'Europe/Moscow',
    workingHours: MOSCOW_HOURS,
    lessonPeriods: MOSCOW_PERIODS,
    locale: 'ru',
    groups: ['СТР-11', 'СТР-12'],
    people: {
      coordinator: 'Дмитрий Козлов',
      teachers: ['Наталья Егорова', 'Андрей Никитин'],
      students: [
        ['Максим Голубев', 'Анастасия Виноградова'],
        ['Кирилл Богданов', 'Екатерина Воробьёва'],
      ],
    },
  },
  {
    code: 'krg-construction',
    name: {
      ru: 'Карагандинский строительный колледж',
      kk: 'Қарағанды құрылыс колледжі',
      en: 'Karaganda College of Construction',
    },
    city: KARAGANDA,
    country: 'KZ',
    timeZone: 'Asia/Almaty',
    workingHours: KARAGANDA_HOURS,
    lessonPeriods: KARAGANDA_PERIODS,
    locale: 'kk',
    groups: ['ҚС-21', 'АР-22'],
    people: {
      coordinator: 'Гүлнар Әбдірахманова',
      teachers: ['Ерлан Сейітов', 'Айгүл Жұмабекова'],
      students: [
        ['Айдана Серікқызы', 'Нұрсұлтан Бекұлы', 'Дана Ермекова'],
        ['Алихан Төлеуов', 'Жансая Мұратова', 'Тимур Ахметов'],
      ],
    },
  },
  {
    code: 'krg-service',
    name: {
      ru: 'Карагандинский колледж сервиса и технологий',
      kk: 'Қарағанды сервис және технологиялар колледжі',
      en: 'Karaganda College of Service and Technology',
    },
    city: KARAGANDA,
    country: 'KZ',
    timeZone: 'Asia/Almaty',
    workingHours: KARAGANDA_HOURS,
    lessonPeriods: KARAGANDA_PERIODS,
    locale: 'ru',
    groups: ['ТҚ-31', 'ҚШ-32'],
    people: {
      coordinator: 'Светлана Ким',
      teachers: ['Бауыржан Оспанов', 'Мадина Қасымова'],
      students: [
        ['Арман Жақсылықов', 'Камила Исаева'],
        ['Ислам Нұрланов', 'Әсел Бақытжанова'],
      ],
    },
  },
];

export const DEMO_PARTNERSHIP = {
  number: 'МСК-КРГ-2025/01',
  title: {
    ru: 'Договор о сотрудничестве колледжей Москвы и Караганды',
    kk: 'Мәскеу мен Қарағанды колледждерінің ынтымақтастық туралы шарты',
    en: 'Cooperation agreement between Moscow and Karaganda colleges',
  },
  signedOn: '2025-06-20',
  validFrom: '2025-09-01',
  validTo: '2027-06-30',
  plan: [
    {
      kind: 'joint_lesson',
      target: 12,
      ru: 'Совместные уроки через международные телемосты',
      kk: 'Халықаралық телекөпірлер арқылы бірлескен сабақтар',
      en: 'Joint lessons over international telebridges',
    },
    {
      kind: 'industrial_practice',
      target: 4,
      ru: 'Совместные производственные практики',
      kk: 'Бірлескен өндірістік практикалар',
      en: 'Joint industrial practice',
    },
    {
      kind: 'cultural_event',
      target: 4,
      ru: 'Культурные мероприятия между колледжами',
      kk: 'Колледждер арасындағы мәдени іс-шаралар',
      en: 'Cultural events between the colleges',
    },
    {
      kind: 'masterclass',
      target: 6,
      ru: 'Обмен опытом: мастер-классы',
      kk: 'Тәжірибе алмасу: шеберлік сыныптары',
      en: 'Exchange of experience: master classes',
    },
    {
      kind: 'internship',
      target: 3,
      ru: 'Стажировки педагогов и мастеров производственного обучения',
      kk: 'Педагогтер мен өндірістік оқыту шеберлерінің тағылымдамасы',
      en: 'Internships for teachers and masters of vocational training',
    },
    {
      kind: 'conference',
      target: 2,
      ru: 'Совместные научно-практические конференции',
      kk: 'Бірлескен ғылыми-практикалық конференциялар',
      en: 'Joint scientific-practical conferences',
    },
    {
      kind: 'olympiad',
      target: 2,
      ru: 'Олимпиады и подготовка к WorldSkills',
      kk: 'Олимпиадалар және WorldSkills-ке дайындық',
      en: 'Olympiads and WorldSkills preparation',
    },
  ],
} as const;

/** Demo e-mail of a person: `<role><n>.<college code>@telemost.example` (a reserved domain). */
export function demoEmail(role: 'coordinator' | 'teacher' | 'student', code: string, n = 1): string {
  return `${role}${role === 'coordinator' ? '' : n}.${code}@telemost.example`;
}
export const DEMO_ADMIN_EMAIL = 'admin@telemost.example';
