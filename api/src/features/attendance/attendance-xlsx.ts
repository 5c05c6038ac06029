import type { TClock } from '@telemost/core/presentation/clocks';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TAttendanceReport } from '@telemost/core/schemas/live';
import type ExcelJS from 'exceljs';
import { addTableSheet, newWorkbook, wallClockCell } from '../../lib/xlsx.ts';
import { ROLES, YES_NO } from './attendance-csv.ts';

const WORDS: Record<
  TLocale,
  {
    sheet: string;
    name: string;
    role: string;
    college: string;
    joined: string;
    left: string;
    minutes: string;
    sessions: string;
    attended: string;
    seconds: string;
  }
> = {
  ru: {
    sheet: 'Посещаемость',
    name: 'ФИО',
    role: 'Роль',
    college: 'Колледж',
    joined: 'Вход',
    left: 'Выход',
    minutes: 'Минут',
    sessions: 'Подключений',
    attended: 'Присутствовал',
    seconds: 'Секунд',
  },
  kk: {
    sheet: 'Қатысу',
    name: 'Аты-жөні',
    role: 'Рөлі',
    college: 'Колледж',
    joined: 'Кірді',
    left: 'Шықты',
    minutes: 'Минут',
    sessions: 'Қосылу саны',
    attended: 'Қатысты',
    seconds: 'Секунд',
  },
  en: {
    sheet: 'Attendance',
    name: 'Name',
    role: 'Role',
    college: 'College',
    joined: 'Joined',
    left: 'Left',
    minutes: 'Minutes',
    sessions: 'Sessions',
    attended: 'Attended',
    seconds: 'Seconds',
  },
};

/**
 * The attendance report as an Excel workbook: one row a person, the first join and last leave on
 * every clock of the lesson (`Вход (Москва)`, `Вход (Караганда)`, …) as real date cells, and the
 * same counts as the CSV as numbers.
 */
export function renderAttendanceXlsx(
  report: TAttendanceReport,
  clocks: readonly TClock[],
  locale: TLocale,
): ExcelJS.Workbook {
  const w = WORDS[locale];
  const [yes, no] = YES_NO[locale];
  const workbook = newWorkbook();
  const sheet = addTableSheet(workbook, w.sheet, [
    { header: w.name, width: 32 },
    { header: w.role, width: 16 },
    { header: w.college, width: 40 },
    ...clocks.map((c) => ({ header: `${w.joined} (${c.label})`, width: 20, dateTime: true })),
    ...clocks.map((c) => ({ header: `${w.left} (${c.label})`, width: 20, dateTime: true })),
    { header: w.minutes },
    { header: w.sessions },
    { header: w.attended },
    { header: w.seconds },
  ]);
  for (const item of report.items) {
    sheet.addRow([
      item.name,
      item.role ? (ROLES[locale][item.role] ?? item.role) : '',
      item.institution ? item.institution.name[locale] : '',
      ...clocks.map((c) => wallClockCell(item.firstJoinedAt, c.timeZone)),
      ...clocks.map((c) => wallClockCell(item.lastLeftAt, c.timeZone)),
      item.minutes,
      item.sessions.length,
      item.attended ? yes : no,
      item.seconds,
    ]);
  }
  return workbook;
}
