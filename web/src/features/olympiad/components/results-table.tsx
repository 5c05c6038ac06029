import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TOlympiad, TOlympiadResults } from '../api/olympiad-api.ts';

/** The results: rank, competitor, each task's score, total of the maximum, and the medal. */
export function ResultsTable({
  olympiad,
  results,
  collegeName,
}: {
  olympiad: TOlympiad;
  results: TOlympiadResults;
  collegeName: (id: string | null) => string;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="results-table" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">{t('olympiad.rank')}</th>
            <th scope="col">{t('olympiad.competitor')}</th>
            {olympiad.tasks.map((task) => (
              <th scope="col" key={task.id}>
                {task.title} <span className="muted">({task.maxScore})</span>
              </th>
            ))}
            <th scope="col">{t('olympiad.total', { max: results.maxTotal })}</th>
            <th scope="col">{t('olympiad.medal')}</th>
          </tr>
        </thead>
        <tbody>
          {results.results.map((r) => (
            <tr key={r.competitorId} data-testid="result-row">
              <td>{r.rank}</td>
              <th scope="row">
                {r.name}
                <span className="muted block">{collegeName(r.institutionId)}</span>
              </th>
              {olympiad.tasks.map((task) => {
                const x = r.tasks.find((y) => y.taskId === task.id);
                return <td key={task.id}>{x?.score ?? '—'}</td>;
              })}
              <td>
                <strong>{r.total}</strong>
                {!r.complete && <span className="muted block">{t('olympiad.incomplete')}</span>}
              </td>
              <td data-testid="medal">
                {r.medal ? (
                  <span className={`medal medal-${r.medal}`}>{t(`medal.${r.medal}`)}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
