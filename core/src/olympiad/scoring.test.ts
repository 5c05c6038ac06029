import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeResults, isConflicted, measuredScore, medalFor, type TMark, type TTask } from './scoring.ts';

const THRESHOLDS = { gold: 0.9, silver: 0.75, bronze: 0.6 };
const A = 'college-a';
const B = 'college-b';

describe('measured marks', () => {
  it('when a value is within the tolerance of the target, then the task earns its maximum, else nothing', () => {
    const task: TTask = {
      id: 't',
      kind: 'measured',
      maxScore: 10,
      scheme: { type: 'value', target: 50, tolerance: 0.5 },
    };
    expect(measuredScore(task, { value: 50.5 })).toBe(10);
    expect(measuredScore(task, { value: 49.5 })).toBe(10);
    expect(measuredScore(task, { value: 50.51 })).toBe(0);
    expect(measuredScore({ id: 'p', kind: 'measured', maxScore: 5 }, { passed: true })).toBe(5);
    expect(measuredScore({ id: 'p', kind: 'measured', maxScore: 5 }, { passed: false })).toBe(0);
  });
});

describe('judged marks', () => {
  const task: TTask = { id: 'j', kind: 'judged', maxScore: 20 };
  const competitors = [{ id: 'c1', institutionId: A }];
  const jurors = [
    { id: 'j-a', institutionId: A },
    { id: 'j-b1', institutionId: B },
    { id: 'j-b2', institutionId: B },
  ];
  const mark = (jurorId: string, score: number): TMark => ({
    taskId: 'j',
    competitorId: 'c1',
    jurorId,
    score,
    at: '2027-01-01T00:00:00Z',
  });

  it('when not every judge has marked, then no score and no judge’s score is shown', () => {
    const [r] = computeResults({
      tasks: [task],
      competitors,
      jurors,
      marks: [mark('j-b1', 8)],
      thresholds: THRESHOLDS,
    });
    expect(r!.tasks[0]).toMatchObject({ score: null, judgeScores: null, marksIn: 1, marksExpected: 2 });
  });

  it('when every judge of the other college has marked, then the scores are revealed together and averaged', () => {
    const [r] = computeResults({
      tasks: [task],
      competitors,
      jurors,
      marks: [mark('j-b1', 8), mark('j-b2', 6)],
      thresholds: THRESHOLDS,
    });
    expect(r!.tasks[0]).toMatchObject({ score: 14, judgeScores: [6, 8], marksExpected: 2, conflicts: [] });
  });

  it('when a judge of the competitor’s own college marked anyway, then the mark is left out and the result says so', () => {
    expect(isConflicted(task, jurors[0]!, competitors[0]!)).toBe(true);
    const [r] = computeResults({
      tasks: [task],
      competitors,
      jurors,
      marks: [mark('j-a', 10), mark('j-b1', 8), mark('j-b2', 6)],
      thresholds: THRESHOLDS,
    });
    expect(r!.tasks[0]).toMatchObject({ score: 14, conflicts: ['j-a'] });
  });
});

describe('results (properties)', () => {
  const tasks: TTask[] = [
    { id: 'm', kind: 'measured', maxScore: 10, scheme: { type: 'pass_fail' } },
    { id: 'v', kind: 'measured', maxScore: 15, scheme: { type: 'value', target: 100, tolerance: 2 } },
    { id: 'j', kind: 'judged', maxScore: 25 },
  ];
  const jurors = [
    { id: 'ja', institutionId: A },
    { id: 'jb', institutionId: B },
  ];
  const competitorArb = fc.uniqueArray(
    fc.record({ id: fc.stringMatching(/^c[0-9a-f]{4}$/), institutionId: fc.constantFrom(A, B) }),
    { minLength: 1, maxLength: 8, selector: (c) => c.id },
  );
  const scenario = competitorArb.chain((competitors) =>
    fc
      .tuple(
        ...competitors.map((c) =>
          fc
            .record({
              passed: fc.boolean(),
              value: fc.double({ min: 90, max: 110, noNaN: true }),
              ja: fc.integer({ min: 1, max: 10 }),
              jb: fc.integer({ min: 1, max: 10 }),
            })
            .map((m) => ({ c, m })),
        ),
      )
      .map((rows) => {
        const marks: TMark[] = rows.flatMap(({ c, m }) => [
          { taskId: 'm', competitorId: c.id, jurorId: 'ja', passed: m.passed, at: '2027-01-01T00:00:00Z' },
          { taskId: 'v', competitorId: c.id, jurorId: 'jb', value: m.value, at: '2027-01-01T00:00:00Z' },
          ...jurors
            .filter((j) => j.institutionId !== c.institutionId)
            .map((j) => ({
              taskId: 'j',
              competitorId: c.id,
              jurorId: j.id,
              score: j.id === 'ja' ? m.ja : m.jb,
              at: '2027-01-01T00:00:00Z',
            })),
        ]);
        return { competitors, marks };
      }),
  );

  it('when results are computed, then totals stay within the maximum, ranks follow totals with ties shared, and medals never fall as totals rise', () => {
    fc.assert(
      fc.property(scenario, ({ competitors, marks }) => {
        const results = computeResults({ tasks, competitors, jurors, marks, thresholds: THRESHOLDS });
        expect(results).toHaveLength(competitors.length);
        const order: Record<string, number> = { gold: 3, silver: 2, bronze: 1 };
        for (const a of results) {
          expect(a.total).toBeGreaterThanOrEqual(0);
          expect(a.total).toBeLessThanOrEqual(50);
          expect(a.complete).toBe(true);
          expect(a.rank).toBe(1 + results.filter((o) => o.total > a.total).length);
          for (const b of results) {
            if (a.total === b.total) expect(a.rank).toBe(b.rank);
            if (a.total > b.total) {
              expect(a.rank).toBeLessThan(b.rank);
              expect(order[a.medal ?? ''] ?? 0).toBeGreaterThanOrEqual(order[b.medal ?? ''] ?? 0);
            }
          }
        }
      }),
    );
  });

  it('when marks come in another order, then the results are the same', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.shuffledSubarray(s.marks, { minLength: s.marks.length }).map((m) => ({ ...s, shuffled: m })),
        ),
        ({ competitors, marks, shuffled }) => {
          const one = computeResults({ tasks, competitors, jurors, marks, thresholds: THRESHOLDS });
          const two = computeResults({ tasks, competitors, jurors, marks: shuffled, thresholds: THRESHOLDS });
          expect(two).toEqual(one);
        },
      ),
    );
  });

  it('when a total is on a threshold, then it gets that medal', () => {
    expect(medalFor(45, 50, THRESHOLDS)).toBe('gold');
    expect(medalFor(37.5, 50, THRESHOLDS)).toBe('silver');
    expect(medalFor(30, 50, THRESHOLDS)).toBe('bronze');
    expect(medalFor(29.99, 50, THRESHOLDS)).toBeNull();
  });
});
