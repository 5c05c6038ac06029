import type { TLocale } from '@telemost/core/schemas/common';
import type { TAttendanceReport } from '@telemost/core/schemas/live';
import { DateTime } from 'luxon';

const HEADERS: Record<TLocale, string[]> = {
  ru: [
    'ФИО',
    'Роль',
    'Колледж',
    'Часовой пояс',
    'Вход',
    'Выход',
    'Минут',
    'Подключений',
    'Присутствовал',
    'Секунд',
  ],
  kk: [
    'Аты-жөні',
    'Рөлі',
    'Колледж',
    'Уақыт белдеуі',
    'Кірді',
    'Шықты',
    'Минут',
    'Қосылу саны',
    'Қатысты',
    'Секунд',
  ],
  en: [
    'Name',
    'Role',
    'College',
    'Time zone',
    'Joined',
    'Left',
    'Minutes',
    'Sessions',
    'Attended',
    'Seconds',
  ],
};

/** Booked roles in the report's language. */
export const ROLES: Record<TLocale, Record<string, string>> = {
  ru: {
    organizer: 'организатор',
    teacher: 'преподаватель',
    coordinator: 'координатор',
    student: 'студент',
    guest: 'гость',
    speaker: 'докладчик',
    jury: 'жюри',
  },
  kk: {
    organizer: 'ұйымдастырушы',
    teacher: 'оқытушы',
    coordinator: 'үйлестіруші',
    student: 'студент',
    guest: 'қонақ',
    speaker: 'баяндамашы',
    jury: 'қазылар алқасы',
  },
  en: {
    organizer: 'organiser',
    teacher: 'teacher',
    coordinator: 'coordinator',
    student: 'student',
    guest: 'guest',
    speaker: 'speaker',
    jury: 'jury',
  },
};

/** Attended or not, in the report's language. */
export const YES_NO: Record<TLocale, [string, string]> = {
  ru: ['да', 'нет'],
  kk: ['иә', 'жоқ'],
  en: ['yes', 'no'],
};

/** UTF-8 byte order mark: without it Excel reads the file as the local code page and mangles Cyrillic. */
export const UTF8_BOM = '\uFEFF';

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function cell(value: string | number, delimiter: string): string {
  let text = String(value);
  // A cell starting like a formula would run as one in a spreadsheet (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function localTime(iso: string | null, zone: string): string {
  return iso ? DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm') : '';
}

/**
 * The attendance report as CSV (RFC 4180, CRLF), with a header row in the reader's language and
 * each person's times in their college's zone. `;` suits Excel set up for Russian or Kazakh (see
 * csvDelimiterFor).
 * Seconds come last, after the columns earlier readers rely on.
 */
export function renderAttendanceCsv(
  report: TAttendanceReport,
  locale: TLocale,
  delimiter: ',' | ';' = ',',
): string {
  const [yes, no] = YES_NO[locale];
  const rows = [HEADERS[locale]];
  for (const item of report.items) {
    rows.push([
      item.label ? `${item.name} (${item.label})` : item.name,
      item.role ? (ROLES[locale][item.role] ?? item.role) : '',
      item.institution ? item.institution.name[locale] : '',
      item.timeZone,
      localTime(item.firstJoinedAt, item.timeZone),
      localTime(item.lastLeftAt, item.timeZone),
      String(item.minutes),
      String(item.sessions.length),
      item.attended ? yes : no,
      String(item.seconds),
    ]);
  }
  const lines = rows.map((r) => r.map((c) => cell(c, delimiter)).join(delimiter));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The separator a reader's Excel splits a CSV on: Russian and Kazakh Excel use `;` (the comma is
 * their decimal mark), English Excel `,`. An explicit `delimiter` wins.
 */
export function csvDelimiterFor(locale: TLocale, asked: 'comma' | 'semicolon' | undefined): ',' | ';' {
  if (asked) return asked === 'semicolon' ? ';' : ',';
  return locale === 'en' ? ',' : ';';
}
