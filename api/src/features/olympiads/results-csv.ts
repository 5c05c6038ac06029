import { cell, UTF8_BOM } from '../attendance/attendance-csv.ts';
import type { TOlympiadState } from './olympiad.repository.ts';

type TResults = {
  results: {
    rank: number;
    name: string;
    total: number;
    medal: string | null;
    tasks: { taskId: string; score: number | null }[];
  }[];
};

const MEDALS: Record<string, string> = { gold: 'золото', silver: 'серебро', bronze: 'бронза' };

/** The results as CSV (UTF-8 with BOM, `;`, CRLF) for Excel set up for Russian or Kazakh. */
export function renderResultsCsv(state: Pick<TOlympiadState, 'tasks'>, results: TResults): string {
  const rows: (string | number)[][] = [
    ['Место', 'Участник', ...state.tasks.map((t) => t.title), 'Итого', 'Медаль'],
  ];
  for (const r of results.results) {
    const byTask = new Map(r.tasks.map((t) => [t.taskId, t.score]));
    rows.push([
      r.rank,
      r.name,
      ...state.tasks.map((t) => {
        const score = byTask.get(t.id);
        return score === null || score === undefined ? '' : String(score).replace('.', ',');
      }),
      String(r.total).replace('.', ','),
      r.medal ? (MEDALS[r.medal] ?? r.medal) : '',
    ]);
  }
  return `${UTF8_BOM}${rows.map((row) => row.map((c) => cell(c, ';')).join(';')).join('\r\n')}\r\n`;
}
