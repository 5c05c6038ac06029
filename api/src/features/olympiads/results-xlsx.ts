import type ExcelJS from 'exceljs';
import { addTableSheet, newWorkbook } from '../../lib/xlsx.ts';
import type { TOlympiadState } from './olympiad.repository.ts';

type TResults = {
  maxTotal: number;
  results: {
    rank: number;
    name: string;
    total: number;
    medal: string | null;
    tasks: { taskId: string; score: number | null; judgeScores: number[] | null }[];
  }[];
};

const MEDALS: Record<string, string> = { gold: 'золото', silver: 'серебро', bronze: 'бронза' };

/**
 * The results as an Excel workbook: one row per competitor with each task's score (numbers, so
 * they can be summed), the total, rank and medal; a second sheet with each judged task's scores
 * as the judges gave them.
 */
export function renderResultsXlsx(state: Pick<TOlympiadState, 'tasks'>, results: TResults): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = addTableSheet(workbook, 'Результаты', [
    { header: 'Место' },
    { header: 'Участник', width: 36 },
    ...state.tasks.map((t) => ({
      header: `${t.title} (${t.maxScore})`,
      width: Math.max(12, t.title.length + 6),
    })),
    { header: `Итого (${results.maxTotal})` },
    { header: 'Медаль' },
  ]);
  for (const r of results.results) {
    const byTask = new Map(r.tasks.map((t) => [t.taskId, t]));
    sheet.addRow([
      r.rank,
      r.name,
      ...state.tasks.map((t) => byTask.get(t.id)?.score ?? null),
      r.total,
      r.medal ? (MEDALS[r.medal] ?? r.medal) : '',
    ]);
  }
  const judged = state.tasks.filter((t) => t.kind === 'judged');
  if (judged.length) {
    const scores = addTableSheet(workbook, 'Оценки судей', [
      { header: 'Участник', width: 36 },
      { header: 'Задание', width: 30 },
      { header: 'Оценки (1–10)', width: 20 },
    ]);
    for (const r of results.results) {
      for (const t of judged) {
        const mine = r.tasks.find((x) => x.taskId === t.id);
        scores.addRow([r.name, t.title, mine?.judgeScores?.join(', ') ?? '']);
      }
    }
  }
  return workbook;
}
