/**
 * Olympiad scoring, pure: marks in, results out. A task is marked either against a rule
 * (measured: pass or fail, or a value within a tolerance of a target) or by judges (each scores
 * 1–10 on their own; the task's score is their mean scaled to the task's maximum, revealed only
 * when every judge has marked, as WorldSkills does). A judge never marks a competitor of their
 * own college on a judged task; if such a mark exists anyway, it is left out and the result says so.
 */

export type TMeasuredScheme = { type: 'pass_fail' } | { type: 'value'; target: number; tolerance: number };

export type TTask = {
  id: string;
  kind: 'measured' | 'judged';
  maxScore: number;
  /** Measured tasks only. */
  scheme?: TMeasuredScheme;
};

export type TMark = {
  taskId: string;
  competitorId: string;
  jurorId: string;
  /** Measured, pass_fail. */
  passed?: boolean | null;
  /** Measured, value. */
  value?: number | null;
  /** Judged: 1–10. */
  score?: number | null;
  /** When the mark was last set (ISO); the latest measured mark counts. */
  at: string;
};

export type TCompetitor = { id: string; institutionId: string | null };
export type TJuror = { id: string; institutionId: string | null };
export type TMedal = 'gold' | 'silver' | 'bronze';
/** Least share (0–1) of the maximum total for each medal. */
export type TMedalThresholds = { gold: number; silver: number; bronze: number };

export type TTaskResult = {
  taskId: string;
  /** Null while the task is not fully marked (judged: not every judge has marked). */
  score: number | null;
  /** Judged: the judges' scores, only once all are in (revealed together). */
  judgeScores: number[] | null;
  marksIn: number;
  marksExpected: number;
  /** Judges of the competitor's own college whose marks were left out. */
  conflicts: string[];
};

export type TCompetitorResult = {
  competitorId: string;
  tasks: TTaskResult[];
  total: number;
  /** Whether every task is fully marked. */
  complete: boolean;
  rank: number;
  medal: TMedal | null;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The score a measured mark earns: the whole maximum when it meets the rule, else nothing. */
export function measuredScore(task: TTask, mark: Pick<TMark, 'passed' | 'value'>): number {
  const scheme = task.scheme ?? { type: 'pass_fail' };
  if (scheme.type === 'pass_fail') return mark.passed ? task.maxScore : 0;
  if (mark.value === null || mark.value === undefined) return 0;
  return Math.abs(mark.value - scheme.target) <= scheme.tolerance + 1e-9 ? task.maxScore : 0;
}

/** Whether a juror may mark this competitor on this task (not their own college on a judged one). */
export function isConflicted(task: Pick<TTask, 'kind'>, juror: TJuror, competitor: TCompetitor): boolean {
  return (
    task.kind === 'judged' && juror.institutionId !== null && juror.institutionId === competitor.institutionId
  );
}

function taskResult(task: TTask, competitor: TCompetitor, jurors: TJuror[], marks: TMark[]): TTaskResult {
  const mine = marks.filter((m) => m.taskId === task.id && m.competitorId === competitor.id);
  if (task.kind === 'measured') {
    const latest = [...mine].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
    return {
      taskId: task.id,
      score: latest ? measuredScore(task, latest) : null,
      judgeScores: null,
      marksIn: latest ? 1 : 0,
      marksExpected: 1,
      conflicts: [],
    };
  }
  const byId = new Map(jurors.map((j) => [j.id, j]));
  const eligible = jurors.filter((j) => !isConflicted(task, j, competitor));
  const conflicts: string[] = [];
  const scores: number[] = [];
  for (const m of mine) {
    const juror = byId.get(m.jurorId);
    if (!juror || m.score === null || m.score === undefined) continue;
    if (isConflicted(task, juror, competitor)) conflicts.push(juror.id);
    else scores.push(m.score);
  }
  const complete = eligible.length > 0 && eligible.every((j) => mine.some((m) => m.jurorId === j.id));
  return {
    taskId: task.id,
    score: complete
      ? round2(((scores.reduce((s, x) => s + x, 0) / scores.length) * task.maxScore) / 10)
      : null,
    judgeScores: complete ? [...scores].sort((a, b) => a - b) : null,
    marksIn: scores.length,
    marksExpected: eligible.length,
    conflicts: conflicts.sort(),
  };
}

/** Medal of a total out of the maximum, by the olympiad's thresholds. */
export function medalFor(total: number, maxTotal: number, thresholds: TMedalThresholds): TMedal | null {
  if (maxTotal <= 0) return null;
  const share = total / maxTotal;
  if (share >= thresholds.gold) return 'gold';
  if (share >= thresholds.silver) return 'silver';
  if (share >= thresholds.bronze) return 'bronze';
  return null;
}

/**
 * Every competitor's result: per task, total, rank (equal totals share a rank, the next rank
 * skips: 1, 2, 2, 4) and medal. Tasks not yet fully marked count 0 in the total.
 */
export function computeResults(input: {
  tasks: TTask[];
  competitors: TCompetitor[];
  jurors: TJuror[];
  marks: TMark[];
  thresholds: TMedalThresholds;
}): TCompetitorResult[] {
  const maxTotal = input.tasks.reduce((s, t) => s + t.maxScore, 0);
  const rows = input.competitors.map((c) => {
    const tasks = input.tasks.map((t) => taskResult(t, c, input.jurors, input.marks));
    const total = round2(tasks.reduce((s, t) => s + (t.score ?? 0), 0));
    return { competitorId: c.id, tasks, total, complete: tasks.every((t) => t.score !== null) };
  });
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.competitorId.localeCompare(b.competitorId));
  return sorted.map((r) => ({
    ...r,
    rank: 1 + rows.filter((o) => o.total > r.total).length,
    medal: medalFor(r.total, maxTotal, input.thresholds),
  }));
}
