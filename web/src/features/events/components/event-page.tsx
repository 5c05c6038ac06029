import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TEventView } from '@telemost/core/schemas/event';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useToast } from '../../../components/toaster.tsx';
import { useNow } from '../../../hooks/use-now.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatLongDate, formatMinutes } from '../../../lib/time.ts';
import { useLiveEvent } from '../hooks/use-live-event.ts';
import { CancelForm } from './cancel-form.tsx';
import { CertificatesPanel } from './certificates-panel.tsx';
import { Countdown } from './countdown.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import { GuestsPanel } from './guests-panel.tsx';
import { JoinPanel } from './join-panel.tsx';
import { LessonAttendance } from './lesson-attendance.tsx';
import { ProgrammeCard } from './programme-card.tsx';
import { RescheduleForm } from './reschedule-form.tsx';
import '../events.css';

/** A joint activity: details, both sides' local times, participants, the room, and what the viewer may do. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t, locale, pick } = useI18n();
  const viewerZone = useViewerZone();
  const toast = useToast();
  const { event, room } = useLiveEvent(id);
  const [panel, setPanel] = useState<'none' | 'reschedule' | 'cancel'>('none');
  const user = useUser();
  const now = useNow(15_000);

  if (event.loading && !event.data) return <Loading />;
  if (event.error != null && !event.data) {
    return (
      <div className="page">
        <ErrorState error={event.error} onRetry={event.reload} />
        <Link to="/calendar">{t('event.back')}</Link>
      </div>
    );
  }
  const e = event.data as TEventView;
  const clocks = eventClocks(e.institutions, e.start, { locale, timeZone: viewerZone });
  // Over: past its end, or ended early by a host. Then the page says "held", not "confirmed".
  const over = e.endedAt !== null || now.getTime() >= new Date(e.end).getTime();
  const begun = over || now.getTime() >= new Date(e.joinOpensAt).getTime();
  const organizerCollege = e.institutions.find((i) => i.id === e.organizer.institutionId);
  const collegeName = (id: string) => {
    const inst = e.institutions.find((i) => i.id === id);
    return inst ? pick(inst.name) : '';
  };
  const updated = (items: TEventView[], title: string) => {
    const mine = items.find((x) => x.id === e.id);
    if (mine) event.setData(mine);
    else event.reload();
    setPanel('none');
    toast.show({ title, tone: 'success' });
  };

  return (
    <div className="page event-page">
      <p className="breadcrumb">
        <Link to="/calendar">← {t('event.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">{t(`kind.${e.kind}`)}</p>
          <h1>{e.title}</h1>
        </div>
        <StatusBadge status={e.status} held={over} />
      </div>

      <p className="both-times" data-testid="event-times">
        {formatBothRanges(e.start, e.end, clocks)}
      </p>
      <p className="muted">
        {formatLongDate(e.start, clocks[0]!.timeZone, locale)} · {formatMinutes(e.durationMinutes, locale)}
        {e.seriesId && e.seriesIndex !== null && <> · {t('event.seriesItem', { n: e.seriesIndex + 1 })}</>}
      </p>
      {e.calendarOverride && (
        <p className="notice">
          {t('event.override')}
          {e.overrideNote ? `: ${e.overrideNote}` : ''}
        </p>
      )}

      <div className="event-grid">
        <div className="event-main">
          <Countdown start={e.start} end={e.end} endedAt={e.endedAt} viewerZone={viewerZone} />
          <DecisionPanel
            event={e}
            onChanged={(x) => {
              event.setData(x);
              toast.show({
                title: t(x.status === 'declined' ? 'decision.declined' : 'decision.confirmed'),
                tone: 'success',
              });
            }}
          />
          {e.kind === 'olympiad' && (
            <p className="card activity-link">
              <Link className="button primary wide" to={`/events/${e.id}/olympiad`}>
                {t('event.olympiadLink')}
              </Link>
            </p>
          )}
          {e.kind === 'internship' && (
            <p className="card activity-link">
              <Link className="button primary wide" to={`/events/${e.id}/internship`}>
                {t('event.internshipLink')}
              </Link>
            </p>
          )}
          <JoinPanel event={e} room={room} viewerZone={viewerZone} />
          {begun && e.status === 'confirmed' && isStaff(user) && (
            <LessonAttendance event={e} viewerZone={viewerZone} />
          )}
          {isAudienceKind(e.kind) && <ProgrammeCard event={e} viewerZone={viewerZone} />}
          {e.status !== 'cancelled' && e.status !== 'declined' && (
            <GuestsPanel eventId={e.id} institutions={e.institutions} />
          )}
          {/* Olympiads certify once marking is closed and internships once days are confirmed, not by the clock. */}
          {e.status === 'confirmed' &&
            (new Date(e.end).getTime() <= Date.now() || e.kind === 'olympiad' || e.kind === 'internship') && (
              <CertificatesPanel eventId={e.id} />
            )}

          <section className="card" aria-labelledby="sides-title">
            <h2 id="sides-title">{t('event.sides')}</h2>
            <div className="table-wrap">
              <table className="sides-table">
                <thead>
                  <tr>
                    <th scope="col">{t('event.college')}</th>
                    <th scope="col">{t('event.localTime')}</th>
                    <th scope="col">{t('event.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.institutions.map((inst) => (
                    <tr key={inst.id} data-testid="side-row">
                      <th scope="row">
                        {pick(inst.name)}
                        <span className="muted block">
                          {pick(inst.city)} · {inst.timeZone} (UTC{inst.offset})
                        </span>
                      </th>
                      <td>
                        {formatLongDate(inst.localStart, inst.timeZone, locale)}
                        <span className="block">
                          <strong>
                            {inst.localStart.slice(11, 16)}–{inst.localEnd.slice(11, 16)}
                          </strong>
                        </span>
                      </td>
                      <td>
                        <span className={`decision decision-${inst.decision}`}>
                          {t(`decision.state.${inst.decision}`)}
                        </span>
                        {inst.reschedulePreApproved && (
                          <span className="block muted">{t('decision.preApproved')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {e.description && (
            <section className="card" aria-labelledby="about-title">
              <h2 id="about-title">{t('event.about')}</h2>
              <p className="pre-line">{e.description}</p>
            </section>
          )}
        </div>

        <aside className="event-side" aria-label={t('event.participantsAndActions')}>
          <section className="card" aria-labelledby="people-title">
            <h2 id="people-title">{t('event.participants')}</h2>
            <dl className="people">
              <dt>{t('event.organizer')}</dt>
              <dd>
                {e.organizer.name}
                {organizerCollege && <span className="muted block">{pick(organizerCollege.name)}</span>}
              </dd>
              <dt>{t('event.groups')}</dt>
              <dd>
                {e.groups.length === 0 ? (
                  <span className="muted">{t('event.none')}</span>
                ) : (
                  <ul>
                    {e.groups.map((g) => (
                      <li key={g.id}>
                        {g.name} <span className="muted">— {collegeName(g.institutionId)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>{t('event.teachers')}</dt>
              <dd>
                {e.teachers.length === 0 ? (
                  <span className="muted">{t('event.none')}</span>
                ) : (
                  <ul>
                    {e.teachers.map((x) => (
                      <li key={x.id}>
                        {x.name} <span className="muted">— {collegeName(x.institutionId)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              {e.rooms.length > 0 && (
                <>
                  <dt>{t('event.rooms')}</dt>
                  <dd>{e.rooms.map((r) => r.name).join(', ')}</dd>
                </>
              )}
            </dl>
          </section>

          <section className="card" aria-labelledby="actions-title">
            <h2 id="actions-title">{t('event.actions')}</h2>
            <ul className="action-list">
              <li>
                <a href={`/api/events/${e.id}/ics`} download className="button secondary wide">
                  {t('event.ics')}
                </a>
              </li>
              {isAudienceKind(e.kind) && (
                <li>
                  <Link
                    to={`/programme/${e.id}`}
                    className="button secondary wide"
                    data-testid="programme-link"
                  >
                    {t('programme.open')}
                  </Link>
                </li>
              )}
              {e.canEdit && !over && (
                <li>
                  <button
                    type="button"
                    className="button secondary wide"
                    onClick={() => setPanel('reschedule')}
                    aria-expanded={panel === 'reschedule'}
                  >
                    {t('event.reschedule')}
                  </button>
                </li>
              )}
              {e.canCancel && !over && (
                <li>
                  <button
                    type="button"
                    className="button danger wide"
                    onClick={() => setPanel('cancel')}
                    aria-expanded={panel === 'cancel'}
                  >
                    {t('event.cancel')}
                  </button>
                </li>
              )}
            </ul>
          </section>
          {panel === 'reschedule' && (
            <RescheduleForm
              event={e}
              viewerZone={viewerZone}
              onDone={(items) => updated(items, t('reschedule.done'))}
              onCancel={() => setPanel('none')}
            />
          )}
          {panel === 'cancel' && (
            <CancelForm
              event={e}
              onDone={(items) => updated(items, t('cancel.done'))}
              onClose={() => setPanel('none')}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
