import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import { useContext, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/async-state.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatBothTimes, formatLongDate } from '../../../lib/time.ts';
import {
  closeMarking,
  getAudit,
  getEvent,
  getOlympiad,
  getResults,
  JuryCredentialContext,
  resultsCsvUrl,
  resultsXlsxUrl,
  type TMarkInput,
} from '../api/olympiad-api.ts';
import { AddTaskForm } from './add-task-form.tsx';
import { AuditTable } from './audit-table.tsx';
import { OlympiadSetupForm } from './olympiad-setup-form.tsx';
import { ResultsTable } from './results-table.tsx';
import { TaskMarking } from './task-marking.tsx';
import '../olympiad.css';

/** How often the jury's screens refresh the live results while marking is open. */
const LIVE_MS = 3000;

/** What the board shows of the event: its title, times and colleges (for both clocks). */
export type TBoardEvent = {
  id: string;
  title: string;
  start: string;
  end: string;
  institutions: { id: string; name: TLocalizedText; city: TLocalizedText; timeZone: string }[];
};

/** `/events/:id/olympiad`, for someone signed in: the event, then the board. */
export function OlympiadPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const event = useApi((s) => getEvent(id, s), [id]);
  const e = event.data;
  if (event.loading && !e) return <Loading />;
  if (!e) {
    return (
      <div className="page">
        <ErrorState error={event.error} onRetry={event.reload} />
      </div>
    );
  }
  const isHost = isStaff(user) && e.institutions.some((i) => i.id === user.institutionId);
  return <OlympiadBoard event={e} viewer={{ id: user.id, isHost }} backLink />;
}

/**
 * An olympiad: for the jury, each task with its marking scheme and their own marks, the live
 * results and (for the chief expert) the audit of every mark and "close marking"; for everyone
 * else, the results once the chief expert has published them. A juror invited by link sees it
 * with their jury credential (from {@link JuryCredentialContext}), without the exports (they
 * download with a session).
 */
export function OlympiadBoard({
  event: ev,
  viewer,
  backLink = false,
}: {
  event: TBoardEvent;
  viewer: { id: string; isHost: boolean };
  backLink?: boolean;
}) {
  const id = ev.id;
  const auth = useContext(JuryCredentialContext);
  const { t, locale, pick } = useI18n();
  const message = useApiErrorMessage();
  const viewerZone = useViewerZone();
  const [tick, setTick] = useState(0);
  const [confirmClose, setConfirmClose] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const olympiad = useApi((s) => getOlympiad(id, s, auth), [id, tick, auth]);
  const o = olympiad.data;
  const juror = o?.jurors.find((j) => j.id === viewer.id) ?? null;
  const isChief = o?.chiefExpertId === viewer.id;
  const isHost = viewer.isHost;
  const insider = !!o && (juror !== null || isHost);
  const closed = !!o?.closedAt;
  const results = useApi(
    (s) => (o && (insider || closed) ? getResults(id, s, auth) : Promise.resolve(undefined)),
    [id, insider, closed, tick, !!o, auth],
  );
  const audit = useApi(
    (s) => (insider ? getAudit(id, s, auth) : Promise.resolve([])),
    [id, insider, tick, auth],
  );

  useEffect(() => {
    if (closed || !o) return;
    const timer = setInterval(() => setTick((n) => n + 1), LIVE_MS);
    return () => clearInterval(timer);
  }, [closed, o]);

  const myMarks = useMemo(() => {
    const m = new Map<string, TMarkInput>();
    for (const a of audit.data ?? []) {
      if (a.jurorId === viewer.id) m.set(`${a.taskId}|${a.competitorId}`, a.to as TMarkInput);
    }
    return m;
  }, [audit.data, viewer.id]);

  const refresh = () => setTick((n) => n + 1);
  if (olympiad.loading && !o && !olympiad.error) return <Loading />;
  const clocks = eventClocks(ev.institutions, ev.start, { locale, timeZone: viewerZone });
  const collegeName = (cid: string | null) => {
    const inst = ev.institutions.find((i) => i.id === cid);
    return inst ? pick(inst.name) : '';
  };
  const head = (
    <>
      {backLink && (
        <p className="breadcrumb">
          <Link to={`/events/${ev.id}`}>← {t('olympiad.backToEvent')}</Link>
        </p>
      )}
      <div className="page-head">
        <div>
          <p className="eyebrow">{t('kind.olympiad')}</p>
          <h1>{ev.title}</h1>
        </div>
        <span
          className={`marking-state ${closed ? 'marking-closed' : 'marking-open'}`}
          data-testid="marking-state"
        >
          {closed ? t('olympiad.published') : t('olympiad.markingOpen')}
        </span>
      </div>
      <p className="both-times" data-testid="olympiad-times">
        {formatLongDate(ev.start, clocks[0]!.timeZone, locale)} · {formatBothRanges(ev.start, ev.end, clocks)}
      </p>
    </>
  );
  if (!o) {
    const notReady = olympiad.error instanceof ApiError && olympiad.error.status === 409;
    return (
      <div className="page olympiad-page">
        {head}
        {notReady && isHost ? (
          <OlympiadSetupForm eventId={id} institutions={ev.institutions} current={null} onSaved={refresh} />
        ) : notReady ? (
          <EmptyState>{t('olympiad.notSetUp')}</EmptyState>
        ) : (
          <ErrorState error={olympiad.error} onRetry={olympiad.reload} />
        )}
      </div>
    );
  }
  const close = async () => {
    setCloseError(null);
    try {
      await closeMarking(id);
      setConfirmClose(false);
      setTick((n) => n + 1);
    } catch (err) {
      setCloseError(message(err));
    }
  };
  return (
    <div className="page olympiad-page">
      {head}
      {closed && o.closedAt && (
        <p className="notice" role="status" data-testid="published-note">
          {t('olympiad.publishedAt', { when: formatBothTimes(o.closedAt, clocks) })}
        </p>
      )}

      <section className="card" aria-labelledby="jury-title">
        <h2 id="jury-title">{t('olympiad.jury')}</h2>
        <ul className="jury-list">
          {o.jurors.map((j) => (
            <li key={j.id}>
              {j.name}
              {j.label && <span className="muted"> ({j.label})</span>}{' '}
              <span className="muted">— {collegeName(j.institutionId)}</span>
              {j.kind === 'invitation' && <span className="muted"> · {t('olympiad.invitedJuror')}</span>}
              {j.id === o.chiefExpertId && <strong> · {t('olympiad.chiefExpert')}</strong>}
            </li>
          ))}
        </ul>
        <p className="muted">
          {t('olympiad.medalThresholds', {
            gold: Math.round(o.medals.gold * 100),
            silver: Math.round(o.medals.silver * 100),
            bronze: Math.round(o.medals.bronze * 100),
          })}
        </p>
        {juror && (
          <p data-testid="you-are">
            {t(isChief ? 'olympiad.youAreChief' : 'olympiad.youAreJuror', {
              college: collegeName(juror.institutionId),
            })}
          </p>
        )}
      </section>

      {isHost && !closed && (
        <details className="olympiad-setup-edit">
          <summary>{t('olympiadSetup.open')}</summary>
          <OlympiadSetupForm eventId={id} institutions={ev.institutions} current={o} onSaved={refresh} />
        </details>
      )}

      {insider && (
        <section aria-labelledby="tasks-title">
          <h2 id="tasks-title">{t('olympiad.tasks')}</h2>
          {o.tasks.length === 0 && <EmptyState>{t('olympiad.noTasks')}</EmptyState>}
          {o.tasks.map((task) => (
            <TaskMarking
              key={task.id}
              eventId={id}
              olympiad={o}
              task={task}
              results={results.data}
              me={juror}
              myMarks={myMarks}
              closed={closed}
              onSaved={refresh}
              collegeName={collegeName}
            />
          ))}
          {!closed && (isHost || isChief) && <AddTaskForm eventId={id} onAdded={refresh} />}
        </section>
      )}

      <section className="card" aria-labelledby="results-title">
        <div className="results-head">
          <h2 id="results-title">{t('olympiad.results')}</h2>
          {!closed && insider && (
            <span className="live-badge" data-testid="live-badge">
              {t('olympiad.live')}
            </span>
          )}
        </div>
        {results.data ? (
          <>
            <ResultsTable olympiad={o} results={results.data} collegeName={collegeName} />
            {!auth && (
              <p className="export-links">
                <a className="button secondary" href={resultsCsvUrl(id)} download>
                  {t('olympiad.exportCsv')}
                </a>{' '}
                <a className="button secondary" href={resultsXlsxUrl(id)} download>
                  {t('olympiad.exportXlsx')}
                </a>
              </p>
            )}
          </>
        ) : results.error ? (
          <ErrorState error={results.error} onRetry={results.reload} />
        ) : closed || insider ? (
          <Loading />
        ) : (
          <EmptyState>{t('olympiad.notPublished')}</EmptyState>
        )}
        {isChief && !closed && (
          <div className="close-marking">
            {!confirmClose ? (
              <button type="button" className="button primary" onClick={() => setConfirmClose(true)}>
                {t('olympiad.close')}
              </button>
            ) : (
              <>
                <p>{t('olympiad.closeConfirm')}</p>
                <button type="button" className="button danger" onClick={() => void close()}>
                  {t('olympiad.closeYes')}
                </button>{' '}
                <button type="button" className="button secondary" onClick={() => setConfirmClose(false)}>
                  {t('common.cancel')}
                </button>
              </>
            )}
            {closeError && (
              <p className="field-error" role="alert">
                {closeError}
              </p>
            )}
          </div>
        )}
      </section>

      {insider && (isChief || isHost) && (
        <section className="card" aria-labelledby="audit-title">
          <h2 id="audit-title">{t('olympiad.audit')}</h2>
          <AuditTable olympiad={o} audit={audit.data ?? []} clocks={clocks} />
        </section>
      )}
    </div>
  );
}
