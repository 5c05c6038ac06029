import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TPartnership } from '@telemost/core/schemas/partnership';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/async-state.tsx';
import { AttendanceTable } from '../../../components/attendance-table.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useDirectory } from '../../../hooks/use-directory.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes, formatDayMonth, formatLongDate } from '../../../lib/time.ts';
import {
  attendanceCsvUrl,
  attendanceXlsxUrl,
  getAttendance,
  getPlanReport,
  listPastEvents,
  planReportXlsxUrl,
} from '../api/reports-api.ts';
import '../dashboard.css';

/** The coordinator's dashboard: progress on the plan of activities, and attendance with CSV export. */
export function DashboardPage() {
  const { t, locale, pick } = useI18n();
  const dir = useDirectory();
  const [chosen, setChosen] = useState<string | null>(null);
  const partnerships = dir.data?.partnerships ?? [];
  const partnership = partnerships.find((p) => p.id === chosen) ?? partnerships[0];

  return (
    <div className="page dashboard-page">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
      </div>
      {dir.loading && !dir.data && <Loading />}
      {dir.error != null && <ErrorState error={dir.error} onRetry={dir.reload} />}
      {dir.data && partnerships.length === 0 && <EmptyState>{t('dashboard.noPartnerships')}</EmptyState>}
      {partnership && (
        <>
          {partnerships.length > 1 && (
            <div className="field narrow">
              <label htmlFor="dash-partnership">{t('booking.partnership')}</label>
              <select
                id="dash-partnership"
                value={partnership.id}
                onChange={(e) => setChosen(e.target.value)}
              >
                {partnerships.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.number} — {pick(p.title)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p className="lead">
            {pick(partnership.title)} ·{' '}
            {t('dashboard.agreement', {
              number: partnership.number,
              date: formatDayMonth(DateTime.fromISO(partnership.signedOn), locale, true),
            })}
          </p>
          <PlanProgress partnership={partnership} />
          <Attendance partnership={partnership} />
        </>
      )}
    </div>
  );
}

/** Progress on the plan of activities, per kind; conferences and cultural events also say how many were not held. */
export function PlanProgress({ partnership }: { partnership: TPartnership }) {
  const { t, pick } = useI18n();
  const report = useApi((signal) => getPlanReport(partnership, signal), [partnership.id]);
  return (
    <section className="card" aria-labelledby="plan-title">
      <div className="card-head">
        <h2 id="plan-title">{t('dashboard.plan')}</h2>
        <a className="button secondary" href={planReportXlsxUrl(partnership.id)} download>
          {t('dashboard.planXlsx')}
        </a>
      </div>
      {report.loading && !report.data && <Loading />}
      {report.error != null && <ErrorState error={report.error} onRetry={report.reload} />}
      {report.data && report.data.items.length === 0 && <EmptyState>{t('dashboard.planEmpty')}</EmptyState>}
      {report.data && report.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="plan-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.activity')}</th>
                  <th scope="col">{t('dashboard.progress')}</th>
                  <th scope="col">{t('dashboard.held')}</th>
                  <th scope="col">{t('dashboard.confirmed')}</th>
                  <th scope="col">{t('dashboard.proposed')}</th>
                  <th scope="col">{t('dashboard.target')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.items.map((row) => {
                  const target = row.target ?? 0;
                  const pct = target ? Math.min(100, Math.round((row.done / target) * 100)) : 0;
                  const label = row.title ? pick(row.title) : t(`kind.${row.kind}`);
                  return (
                    <tr key={row.kind}>
                      <th scope="row">{label}</th>
                      <td>
                        <div
                          className="progress"
                          role="progressbar"
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={pct}
                          aria-label={label}
                        >
                          <span style={{ width: `${pct}%` }} />
                        </div>
                        <span className="muted">
                          {row.target === null
                            ? t('dashboard.notPlanned')
                            : t('dashboard.ofTarget', { done: row.done, target })}
                        </span>
                      </td>
                      <td>
                        {row.done}
                        {row.notHeld ? (
                          <span className="muted block" data-testid="plan-not-held">
                            {t('dashboard.notHeld', { n: row.notHeld })}
                          </span>
                        ) : null}
                      </td>
                      <td>{row.upcoming}</td>
                      <td>{row.proposed}</td>
                      <td>{row.target ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Attendance({ partnership }: { partnership: TPartnership }) {
  const { t, locale } = useI18n();
  const viewerZone = useViewerZone();
  const events = useApi((signal) => listPastEvents(partnership, signal), [partnership.id]);
  const [eventId, setEventId] = useState<string>('');
  const selected = events.data?.find((e) => e.id === eventId) ?? events.data?.[0];
  const attendance = useApi(
    (signal) => (selected ? getAttendance(selected.id, signal) : Promise.resolve(null)),
    [selected?.id],
  );
  return (
    <section className="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('dashboard.attendance')}</h2>
      {events.loading && !events.data && <Loading />}
      {events.error != null && <ErrorState error={events.error} onRetry={events.reload} />}
      {events.data && events.data.length === 0 && <EmptyState>{t('dashboard.noPast')}</EmptyState>}
      {selected && events.data && (
        <>
          <div className="attendance-head">
            <div className="field">
              <label htmlFor="attendance-event">{t('dashboard.lesson')}</label>
              <select id="attendance-event" value={selected.id} onChange={(e) => setEventId(e.target.value)}>
                {events.data.map((e) => (
                  <option key={e.id} value={e.id}>
                    {formatLongDate(e.start, viewerZone, locale)} ·{' '}
                    {formatBothTimes(
                      e.start,
                      eventClocks(e.institutions, e.start, { locale, timeZone: viewerZone }),
                    )}{' '}
                    · {e.title}
                  </option>
                ))}
              </select>
            </div>
            <a className="button secondary" href={attendanceCsvUrl(selected.id)} download>
              {t('dashboard.csv')}
            </a>
            <a className="button secondary" href={attendanceXlsxUrl(selected.id)} download>
              {t('attendance.xlsx')}
            </a>
          </div>
          <p>
            <Link to={`/events/${selected.id}`}>{selected.title}</Link>
          </p>
          {attendance.loading && !attendance.data && <Loading />}
          {attendance.error != null && <ErrorState error={attendance.error} onRetry={attendance.reload} />}
          {attendance.data && attendance.data.items.length === 0 && (
            <EmptyState>{t('dashboard.nobody')}</EmptyState>
          )}
          {attendance.data && attendance.data.items.length > 0 && (
            <AttendanceTable
              items={attendance.data.items}
              sides={selected.institutions}
              viewerZone={viewerZone}
            />
          )}
        </>
      )}
    </section>
  );
}
