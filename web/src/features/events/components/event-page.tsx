import type { TEventView } from '@telemost/core/schemas/event';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useToast } from '../../../components/toaster.tsx';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { clocksOf } from '../../../lib/event-clocks.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatLongDate, formatMinutes } from '../../../lib/time.ts';
import { useLiveEvent } from '../hooks/use-live-event.ts';
import { CancelForm } from './cancel-form.tsx';
import { Countdown } from './countdown.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import { JoinPanel } from './join-panel.tsx';
import { RescheduleForm } from './reschedule-form.tsx';

/** A joint activity: details, both sides' local times, participants, the room, and what the viewer may do. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t, locale, pick } = useI18n();
  const viewerZone = useViewerZone();
  const toast = useToast();
  const { event, room } = useLiveEvent(id);
  const [panel, setPanel] = useState<'none' | 'reschedule' | 'cancel'>('none');

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
  const clocks = clocksOf(e.institutions, locale, viewerZone);
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
        <StatusBadge status={e.status} />
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
          <Countdown start={e.start} end={e.end} viewerZone={viewerZone} />
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
          <JoinPanel event={e} room={room} viewerZone={viewerZone} />

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
              {e.canEdit && (
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
              {e.canCancel && (
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
