import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes, formatShortDate, type TClock } from '../../../lib/time.ts';
import type { TAuditEntry, TOlympiad } from '../api/olympiad-api.ts';

const show = (m: Record<string, unknown> | null, t: (k: 'olympiad.pass' | 'olympiad.fail') => string) => {
  if (!m) return '—';
  if (typeof m.score === 'number') return String(m.score);
  if (typeof m.value === 'number') return String(m.value);
  if (typeof m.passed === 'boolean') return m.passed ? t('olympiad.pass') : t('olympiad.fail');
  return '—';
};

/** Every mark set or changed: when (on both clocks), who, which task and competitor, from what to what. */
export function AuditTable({
  olympiad,
  audit,
  clocks,
}: {
  olympiad: TOlympiad;
  audit: TAuditEntry[];
  clocks: TClock[];
}) {
  const { t, locale } = useI18n();
  const name = (id: string | null) =>
    [...olympiad.jurors, ...olympiad.competitors].find((p) => p.id === id)?.name ?? id ?? '';
  const task = (id: string) => olympiad.tasks.find((x) => x.id === id)?.title ?? id;
  if (!audit.length) return <p className="muted">{t('olympiad.auditEmpty')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('olympiad.auditWhen')}</th>
            <th scope="col">{t('olympiad.auditWho')}</th>
            <th scope="col">{t('olympiad.task')}</th>
            <th scope="col">{t('olympiad.competitor')}</th>
            <th scope="col">{t('olympiad.auditChange')}</th>
          </tr>
        </thead>
        <tbody>
          {[...audit].reverse().map((a) => (
            <tr key={`${a.at}|${a.jurorId}|${a.taskId}|${a.competitorId}`}>
              <td>
                {formatShortDate(a.at, clocks[0]!.timeZone, locale)} {formatBothTimes(a.at, clocks)}
              </td>
              <td>
                {a.byGuest ? (
                  <>
                    {a.byGuest.displayName}
                    {a.byGuest.label && <span className="muted"> ({a.byGuest.label})</span>}
                  </>
                ) : (
                  name(a.jurorId)
                )}
              </td>
              <td>{task(a.taskId)}</td>
              <td>{name(a.competitorId)}</td>
              <td>
                {show(a.from, t)} → <strong>{show(a.to, t)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
