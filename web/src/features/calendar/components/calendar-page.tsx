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
import { formatDateRange, startOfWeek, type TClock } from '../../../lib/time.ts';
import { listEvents } from '../api/events-api.ts';
import { eventsRange } from '../utils/week-grid.ts';
import { AgendaView } from './agenda-view.tsx';
import { CalendarFeed } from './calendar-feed.tsx';
import { DecisionInbox } from './decision-inbox.tsx';
import { WeekView } from './week-view.tsx';
import '../calendar.css';

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

  // The range asked for is padded by 14 hours each side and keyed by the week's dates, not the
  // zone: it covers the week on any clock, so learning the viewer's zone (once the colleges are
  // loaded) does not ask again. What is shown is cut to the week on the viewer's clock below.
  const fromDate = weekStart.toISODate()!;
  const days = view === 'agenda' ? 28 : 7;
  const fetched = useApi(
    (signal) =>
      listEvents(
        {
          ...eventsRange(fromDate, days),
          institutionId,
          groupId,
          kind,
          status,
        },
        signal,
      ),
    [fromDate, days, institutionId, groupId, kind, status],
  );
  const inRange = (e: { start: string }) => {
    const start = Date.parse(e.start);
    return start >= weekStart.toMillis() && start < rangeEnd.toMillis();
  };
  const events = {
    ...fetched,
    data: fetched.data ? { ...fetched.data, items: fetched.data.items.filter(inRange) } : fetched.data,
  };
  useSocketEvent('event:changed', () => fetched.reload());
  // A notification is news of an event (a proposal to answer, say): the grid shows it at once.
  useSocketEvent('notification', () => fetched.reload());

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

  // Until the colleges are known, the viewer's zone and both sides' calendars are not: the grid
  // waits rather than showing a moment of wrong clocks.
  const dirPending = !dir.data && dir.error == null;
  const rangeLabel = formatDateRange(weekStart, rangeEnd.minus({ days: 1 }), locale);
  // The colleges the week grid shades and dims for: the viewer's own, then the partner picked in the
  // filter, else every college on another clock or in another country.
  const institutions = dir.data?.institutions ?? [];
  const own = institutions.find((i) => i.id === user.institutionId);
  const partners = institutions.filter((i) =>
    institutionId
      ? i.id === institutionId && i.id !== own?.id
      : own && i.id !== own.id && (i.country !== own.country || i.timeZone !== own.timeZone),
  );
  const sides = own ? [own, ...partners] : partners;

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

      <DecisionInbox viewerZone={viewerZone} />

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

      <section aria-label={t('calendar.events')} aria-busy={events.loading || dirPending}>
        {(events.loading || dirPending) && !(events.data && !dirPending) && <Loading />}
        {events.error != null && <ErrorState error={events.error} onRetry={events.reload} />}
        {dir.error != null && <ErrorState error={dir.error} onRetry={dir.reload} />}
        {events.data &&
          !dirPending &&
          (view === 'week' ? (
            <WeekView
              weekStart={weekStart}
              events={events.data.items}
              viewerZone={viewerZone}
              nowClocks={nowClocks}
              now={now}
              sides={sides}
            />
          ) : (
            <AgendaView events={events.data.items} viewerZone={viewerZone} nowClocks={nowClocks} now={now} />
          ))}
        {events.data && !dirPending && view === 'week' && events.data.items.length === 0 && (
          <p className="muted">{t('calendar.weekEmpty')}</p>
        )}
      </section>

      <CalendarFeed />
    </div>
  );
}
