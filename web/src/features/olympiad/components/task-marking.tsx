import { type FormEvent, useContext, useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import {
  JuryCredentialContext,
  setMark,
  type TMarkInput,
  type TOlympiad,
  type TOlympiadResults,
  type TTask,
} from '../api/olympiad-api.ts';

const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

type TPerson = TOlympiad['competitors'][number];

/** How a task is marked, in words: pass or fail, a value within a tolerance, or judges' 1–10. */
export function SchemeText({ task }: { task: TTask }) {
  const { t } = useI18n();
  if (task.kind === 'judged') return <>{t('olympiad.scheme.judged')}</>;
  if (task.scheme?.type === 'value') {
    return (
      <>{t('olympiad.scheme.value', { target: task.scheme.target, tolerance: task.scheme.tolerance })}</>
    );
  }
  return <>{t('olympiad.scheme.passFail')}</>;
}

function MarkForm({
  eventId,
  task,
  competitor,
  current,
  disabled,
  onSaved,
}: {
  eventId: string;
  task: TTask;
  competitor: TPerson;
  current: TMarkInput | undefined;
  disabled: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  const auth = useContext(JuryCredentialContext);
  const kind = task.kind === 'judged' ? 'score' : task.scheme?.type === 'value' ? 'value' : 'passed';
  const initial =
    kind === 'score'
      ? String(current?.score ?? '')
      : kind === 'value'
        ? String(current?.value ?? '')
        : current?.passed === undefined
          ? ''
          : String(current.passed);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const label = t('olympiad.markFor', { name: competitor.name });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const body: TMarkInput =
      kind === 'score'
        ? { score: Number(value) }
        : kind === 'value'
          ? { value: Number(value) }
          : { passed: value === 'true' };
    try {
      await setMark(eventId, task.id, competitor.id, body, auth);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="mark-form" onSubmit={(e) => void submit(e)} aria-label={label}>
      {kind === 'score' ? (
        <select
          aria-label={label}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={disabled}
          required
        >
          <option value="">—</option>
          {SCORES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      ) : kind === 'value' ? (
        <input
          aria-label={label}
          type="number"
          step="any"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={disabled}
          required
        />
      ) : (
        <select
          aria-label={label}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={disabled}
          required
        >
          <option value="">—</option>
          <option value="true">{t('olympiad.pass')}</option>
          <option value="false">{t('olympiad.fail')}</option>
        </select>
      )}
      <button type="submit" className="button secondary" disabled={disabled || value === ''}>
        {t('olympiad.save')}
      </button>
      {saved && !error && <span className="muted">{t('olympiad.saved')}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/**
 * One task for a juror: its marking scheme, and a row per competitor with the juror's own mark.
 * On a judged task the juror's own college's competitors are not theirs to mark (said plainly),
 * and the judges' scores stay hidden until every judge has marked, then show together.
 */
export function TaskMarking({
  eventId,
  olympiad,
  task,
  results,
  me,
  myMarks,
  closed,
  onSaved,
  collegeName,
}: {
  collegeName: (id: string | null) => string;
  eventId: string;
  olympiad: TOlympiad;
  task: TTask;
  results: TOlympiadResults | undefined;
  me: { id: string; institutionId: string | null } | null;
  myMarks: Map<string, TMarkInput>;
  closed: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const markText = (m: TMarkInput | undefined) =>
    m?.score ?? m?.value ?? (m?.passed === undefined ? '—' : t(m.passed ? 'olympiad.pass' : 'olympiad.fail'));
  return (
    <section className="card olympiad-task" aria-labelledby={`task-${task.id}`} data-testid="olympiad-task">
      <h3 id={`task-${task.id}`}>
        {task.title} <span className="muted">· {t('olympiad.maxScore', { n: task.maxScore })}</span>
      </h3>
      <p className="muted">
        <span className={`task-kind task-kind-${task.kind}`}>{t(`olympiad.kind.${task.kind}`)}</span>{' '}
        <SchemeText task={task} />
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('olympiad.competitor')}</th>
              {me && <th scope="col">{t('olympiad.yourMark')}</th>}
              <th scope="col">{t('olympiad.taskScore')}</th>
            </tr>
          </thead>
          <tbody>
            {olympiad.competitors.map((c) => {
              const conflicted =
                task.kind === 'judged' && me?.institutionId != null && me.institutionId === c.institutionId;
              const r = results?.results
                .find((x) => x.competitorId === c.id)
                ?.tasks.find((x) => x.taskId === task.id);
              return (
                <tr key={c.id} data-testid="mark-row">
                  <th scope="row">
                    {c.name}
                    <span className="muted block">{collegeName(c.institutionId)}</span>
                  </th>
                  {me && (
                    <td>
                      {conflicted ? (
                        <span className="conflict-note" data-testid="conflict-note">
                          {t('olympiad.conflict')}
                        </span>
                      ) : closed ? (
                        <span data-testid="final-mark">{markText(myMarks.get(`${task.id}|${c.id}`))}</span>
                      ) : (
                        <MarkForm
                          key={`${task.id}-${c.id}-${JSON.stringify(myMarks.get(`${task.id}|${c.id}`) ?? null)}`}
                          eventId={eventId}
                          task={task}
                          competitor={c}
                          current={myMarks.get(`${task.id}|${c.id}`)}
                          disabled={closed}
                          onSaved={onSaved}
                        />
                      )}
                    </td>
                  )}
                  <td data-testid="task-score">
                    {!r ? (
                      '—'
                    ) : task.kind === 'judged' ? (
                      r.judgeScores ? (
                        <span data-testid="revealed">
                          {t('olympiad.revealed', { scores: r.judgeScores.join(', '), score: r.score ?? 0 })}
                        </span>
                      ) : (
                        <span className="muted" data-testid="hidden">
                          {t('olympiad.hidden', { n: r.marksIn, of: r.marksExpected })}
                        </span>
                      )
                    ) : r.score === null ? (
                      <span className="muted">{t('olympiad.notMarked')}</span>
                    ) : (
                      String(r.score)
                    )}
                    {r && r.conflicts.length > 0 && (
                      <span className="block conflict-note">
                        {t('olympiad.conflictsLeftOut', { n: r.conflicts.length })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
