import { eventClocks } from '@telemost/core/presentation/clocks';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/async-state.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes, formatLongDate } from '../../../lib/time.ts';
import { confirmDay, getEvent, getInternship, type TInternship } from '../api/internship-api.ts';
import { InternshipSetupForm } from './internship-setup-form.tsx';
import '../internship.css';

type TDay = TInternship['days'][number];

/**
 * An internship for teachers and masters: the programme day by day (sessions with hours, their
 * start on both colleges' clocks), who mentors it at the host college, each intern's confirmed
 * hours, and, for a mentor of the host college, a "confirm day" button once the day has come.
 */
export function InternshipPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { t, locale, pick } = useI18n();
  const viewerZone = useViewerZone();
  const message = useApiErrorMessage();
  const event = useApi((s) => getEvent(id, s), [id]);
  const internship = useApi((s) => getInternship(id, s), [id]);
  const [absent, setAbsent] = useState<Record<string, string[]>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  if ((event.loading && !event.data) || (internship.loading && !internship.data)) return <Loading />;
  if (!event.data) {
    return (
      <div className="page">
        <ErrorState error={event.error} onRetry={event.reload} />
      </div>
    );
  }
  const e = event.data;
  const isHost = isStaff(user) && e.institutions.some((i) => i.id === user.institutionId);
  const firstDate =
    DateTime.fromISO(e.start)
      .setZone(e.institutions[0]?.timeZone ?? 'UTC')
      .toISODate() ?? '';
  const clocks = eventClocks(e.institutions, e.start, { locale, timeZone: viewerZone });
  const college = (cid: string | null) => {
    const inst = e.institutions.find((i) => i.id === cid);
    return inst ? pick(inst.name) : '';
  };
  const head = (
    <>
      <p className="breadcrumb">
        <Link to={`/events/${e.id}`}>← {t('internship.backToEvent')}</Link>
      </p>
      <p className="eyebrow">{t('kind.internship')}</p>
      <h1>{e.title}</h1>
    </>
  );
  const x = internship.data;
  if (!x) {
    return (
      <div className="page internship-page">
        {head}
        {internship.error instanceof ApiError && internship.error.status === 409 && isHost ? (
          <InternshipSetupForm
            eventId={id}
            institutions={e.institutions}
            firstDate={firstDate}
            current={null}
            onSaved={(saved) => internship.setData(saved)}
          />
        ) : internship.error instanceof ApiError && internship.error.status === 409 ? (
          <EmptyState>{t('internship.notSetUp')}</EmptyState>
        ) : (
          <ErrorState error={internship.error} onRetry={internship.reload} />
        )}
      </div>
    );
  }
  const host = e.institutions.find((i) => i.id === x.hostInstitutionId);
  const hostZone = host?.timeZone ?? clocks[0]!.timeZone;
  const today = DateTime.now().setZone(hostZone).toISODate()!;
  const sessionInstant = (day: TDay, start: string) =>
    DateTime.fromISO(`${day.date}T${start}`, { zone: hostZone }).toUTC().toISO()!;
  // Kazakh writes decimals with a comma too; browsers without Kazakh number data would print a point.
  const num = (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU');
  const share = x.plannedHours > 0 ? Math.round((x.confirmedHours / x.plannedHours) * 100) : 0;
  const confirm = async (day: TDay) => {
    setErrors((m) => ({ ...m, [day.id]: '' }));
    try {
      internship.setData(await confirmDay(id, day.id, absent[day.id] ?? []));
    } catch (err) {
      setErrors((m) => ({ ...m, [day.id]: message(err) }));
    }
  };
  const toggleAbsent = (dayId: string, internId: string, on: boolean) =>
    setAbsent((m) => {
      const list = new Set(m[dayId] ?? []);
      if (on) list.add(internId);
      else list.delete(internId);
      return { ...m, [dayId]: [...list] };
    });

  return (
    <div className="page internship-page">
      {head}
      <div className="internship-summary card">
        <p>
          {t('internship.host')}: <strong>{host ? pick(host.name) : ''}</strong>
        </p>
        <p>
          {t('internship.mentors')}: {x.mentors.map((m) => m.name).join(', ')}
        </p>
        <p data-testid="internship-hours">
          {t('internship.hoursDone', { done: num(x.confirmedHours), planned: num(x.plannedHours) })}
        </p>
        <div className="progress" role="img" aria-label={`${share}%`}>
          <span style={{ width: `${share}%` }} />
        </div>
        {x.canConfirm && <p className="mentor-note">{t('internship.youMentor')}</p>}
      </div>

      <section aria-labelledby="programme-title">
        <h2 id="programme-title">{t('internship.programme')}</h2>
        {x.days.map((day) => {
          const due = day.date <= today;
          return (
            <article className="card internship-day" key={day.id} data-testid="internship-day">
              <div className="day-head">
                <h3>
                  {formatLongDate(`${day.date}T12:00:00Z`, hostZone, locale)} · {day.title}
                </h3>
                {day.confirmedAt ? (
                  <span className="day-state day-confirmed" data-testid="day-state">
                    {t('internship.confirmed')}
                  </span>
                ) : (
                  <span className="day-state day-open" data-testid="day-state">
                    {t('internship.notConfirmed')}
                  </span>
                )}
              </div>
              <ul className="sessions">
                {day.sessions.map((s) => (
                  <li key={`${s.start ?? ''}|${s.title}|${s.hours}`}>
                    {s.start && (
                      <span className="session-time">
                        {formatBothTimes(sessionInstant(day, s.start), clocks)} ·{' '}
                      </span>
                    )}
                    {s.title} — {t('internship.hours', { n: num(s.hours) })}
                  </li>
                ))}
              </ul>
              <p className="muted">{t('internship.dayHours', { n: num(day.hours) })}</p>
              {day.confirmedAt && day.confirmedBy && (
                <p className="muted">
                  {t('internship.confirmedBy', {
                    name: day.confirmedBy.name,
                    when: formatBothTimes(day.confirmedAt, clocks),
                  })}
                  {day.absentIds.length > 0 &&
                    ` · ${t('internship.absent')}: ${x.interns
                      .filter((i) => day.absentIds.includes(i.id))
                      .map((i) => i.name)
                      .join(', ')}`}
                </p>
              )}
              {x.canConfirm && !day.confirmedAt && (
                <div className="confirm-day">
                  {due ? (
                    <>
                      {x.interns.length > 1 && (
                        <fieldset>
                          <legend>{t('internship.markAbsent')}</legend>
                          {x.interns.map((i) => (
                            <label key={i.id} className="checkbox">
                              <input
                                type="checkbox"
                                checked={(absent[day.id] ?? []).includes(i.id)}
                                onChange={(ev) => toggleAbsent(day.id, i.id, ev.target.checked)}
                              />{' '}
                              {i.name}
                            </label>
                          ))}
                        </fieldset>
                      )}
                      <button type="button" className="button primary" onClick={() => void confirm(day)}>
                        {t('internship.confirmDay')}
                      </button>
                    </>
                  ) : (
                    <p className="muted">{t('internship.notYet')}</p>
                  )}
                  {errors[day.id] && (
                    <p className="field-error" role="alert">
                      {errors[day.id]}
                    </p>
                  )}
                </div>
              )}
            </article>
          );
        })}
      </section>

      <section className="card" aria-labelledby="interns-title">
        <h2 id="interns-title">{t('internship.interns')}</h2>
        {x.interns.length === 0 ? (
          <p className="muted">{t('internship.noInterns')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('internship.intern')}</th>
                <th scope="col">{t('internship.confirmedHours')}</th>
              </tr>
            </thead>
            <tbody>
              {x.interns.map((i) => (
                <tr key={i.id} data-testid="intern-row">
                  <th scope="row">
                    {i.name}
                    <span className="muted block">{college(i.institutionId)}</span>
                  </th>
                  <td>{t('internship.hoursOf', { n: num(i.confirmedHours), of: num(x.plannedHours) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {isHost && (
        <details className="internship-setup-edit">
          <summary>{t('internshipSetup.open')}</summary>
          <InternshipSetupForm
            key={x.days.map((d) => d.id).join(',')}
            eventId={id}
            institutions={e.institutions}
            firstDate={firstDate}
            current={x}
            onSaved={(saved) => internship.setData(saved)}
          />
        </details>
      )}
    </div>
  );
}
