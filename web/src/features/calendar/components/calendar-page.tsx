import { EVENT_STATUSES, type TEventStatus } from '@telemost/core/schemas/event';
import { EVENT_KINDS, type TEventKind } from '@telemost/core/schemas/partnership';
import { DateTime } from 'luxon';
import { Link, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useDirectory } from '../../../hooks/use-directory.ts';
import { useNow } from '../../../hooks/use-now.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { useSocketEvent } from '../../../lib/realtime.tsx';
import { formatDayMonth, startOfWeek, type TClock } from '../../../lib/time.ts';
import { listEvents } from '../api/events-api.ts';
import { AgendaView } from './agenda-view.tsx';
import { CalendarFeed } from './calendar-feed.tsx';
import { WeekView } from './week-view.tsx';

/** The calendar of joint activities: week or agenda, filtered, always in both sides' local times. */
export function CalendarPage() {
  const { t, locale, pick } = useI18n();
  const user = useUser();
  const dir = useDirectory();
  const viewerZone = useViewerZone();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'agenda' ? 'agenda' : 'week';
  const weekParam = params.get('week');
  const anchor = weekParam
    ? DateTime.fromISO(weekParam, { zone: viewerZone })
    : DateTime.now().setZone(viewerZone);
  const weekStart = startOfWeek(anchor.isValid ? anchor : DateTime.now().setZone(viewerZone));
  const rangeEnd = weekStart.plus({ days: view === 'agenda' ? 28 : 7 });
  const institutionId = params.get('institutionId') ?? undefined;
  const groupId = params.get('groupId') ?? undefined;
  const kind = (params.get('kind') ?? undefined) as TEventKind | undefined;
  const status = (params.get('status') ?? undefined) as TEventStatus | undefined;

  const events = useApi(
    (signal) =>
      listEvents(
        {
          from: weekStart.toUTC().toISO()!,
          to: rangeEnd.toUTC().toISO()!,
          institutionId,
          groupId,
          kind,
          status,
        },
        signal,
      ),
    [weekStart.toISODate(), view, institutionId, groupId, kind, status, viewerZone],
  );
  useSocketEvent('event:changed', () => events.reload());

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const goWeek = (weeks: number) =>
    set({ week: weeks === 0 ? undefined : weekStart.plus({ weeks }).toISODate()! });

  const partnerInstitutions = (dir.data?.institutions ?? []).filter((i) => i.id !== user.institutionId);
  const groups = (dir.data?.groups ?? []).filter((g) => !institutionId || g.institutionId === institutionId);
  // The "now" line reads the time on every side's clock: the viewer's own first.
  const nowClocks: TClock[] = [];
  for (const inst of dir.data?.institutions ?? []) {
    const label = pick(inst.city);
    if (!nowClocks.some((c) => c.timeZone === inst.timeZone))
      nowClocks.push({ timeZone: inst.timeZone, label });
  }
  const mine = nowClocks.findIndex((c) => c.timeZone === viewerZone);
  if (mine > 0) nowClocks.unshift(...nowClocks.splice(mine, 1));

  const rangeLabel = `${formatDayMonth(weekStart, locale)} – ${formatDayMonth(rangeEnd.minus({ days: 1 }), locale, true)}`;

  return (
    <div className="page calendar-page">
      <div className="page-head">
        <h1>{t('calendar.title')}</h1>
        {isStaff(user) && (
          <Link to="/book" className="button primary">
            {t('calendar.book')}
          </Link>
        )}
      </div>

      <div className="toolbar" role="toolbar" aria-label={t('calendar.navigation')}>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('calendar.view')}</legend>
          <button type="button" aria-pressed={view === 'week'} onClick={() => set({ view: undefined })}>
            {t('calendar.week')}
          </button>
          <button type="button" aria-pressed={view === 'agenda'} onClick={() => set({ view: 'agenda' })}>
            {t('calendar.agenda')}
          </button>
        </fieldset>
        <div className="week-nav">
          <button
            type="button"
            className="button secondary"
            onClick={() => goWeek(-1)}
            aria-label={t('calendar.prev')}
          >
            ‹
          </button>
          <button type="button" className="button secondary" onClick={() => goWeek(0)}>
            {t('calendar.today')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => goWeek(1)}
            aria-label={t('calendar.next')}
          >
            ›
          </button>
          <h2 className="range-label" aria-live="polite">
            {rangeLabel}
          </h2>
        </div>
      </div>

      <form className="filters" aria-label={t('calendar.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-institution">{t('calendar.filterPartner')}</label>
          <select
            id="filter-institution"
            value={institutionId ?? ''}
            onChange={(e) => set({ institutionId: e.target.value || undefined, groupId: undefined })}
          >
            <option value="">{t('calendar.all')}</option>
            {partnerInstitutions.map((i) => (
              <option key={i.id} value={i.id}>
                {pick(i.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t('calendar.filterGroup')}</label>
          <select
            id="filter-group"
            value={groupId ?? ''}
            onChange={(e) => set({ groupId: e.target.value || undefined })}
          >
            <option value="">{t('calendar.all')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t('calendar.filterKind')}</label>
          <select
            id="filter-kind"
            value={kind ?? ''}
            onChange={(e) => set({ kind: e.target.value || undefined })}
          >
            <option value="">{t('calendar.all')}</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t('calendar.filterStatus')}</label>
          <select
            id="filter-status"
            value={status ?? ''}
            onChange={(e) => set({ status: e.target.value || undefined })}
          >
            <option value="">{t('calendar.all')}</option>
            {EVENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <p className="muted zone-note">{t('calendar.zoneNote', { zone: viewerZone })}</p>

      <section aria-label={t('calendar.events')} aria-busy={events.loading}>
        {events.loading && !events.data && <Loading />}
        {events.error != null && <ErrorState error={events.error} onRetry={events.reload} />}
        {events.data &&
          (view === 'week' ? (
            <WeekView
              weekStart={weekStart}
              events={events.data.items}
              viewerZone={viewerZone}
              nowClocks={nowClocks}
              now={now}
            />
          ) : (
            <AgendaView events={events.data.items} viewerZone={viewerZone} nowClocks={nowClocks} now={now} />
          ))}
        {events.data && view === 'week' && events.data.items.length === 0 && (
          <p className="muted">{t('calendar.weekEmpty')}</p>
        )}
      </section>

      <CalendarFeed />
    </div>
  );
}
