import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { Loading } from '../components/async-state.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { OfflineBanner } from '../components/offline-banner.tsx';
import { ToastProvider } from '../components/toaster.tsx';
import { NotificationBell } from '../features/notifications/components/notification-bell.tsx';
import { isCoordinator, isStaff, useAuth, useUser } from '../lib/auth.tsx';
import { DecisionsProvider, useDecisions } from '../lib/decisions.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { useRealtime } from '../lib/realtime.tsx';
import './app-layout.css';

/** The frame of every signed-in page: skip link, header with role-aware navigation, main landmark. */
export function AppLayout() {
  return (
    <ToastProvider>
      <DecisionsProvider>
        <AppFrame />
      </DecisionsProvider>
    </ToastProvider>
  );
}

function AppFrame() {
  const { t } = useI18n();
  const user = useUser();
  const { signOut } = useAuth();
  const { status } = useRealtime();
  const navigation = useNavigation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page so screen readers start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const links = [
    { to: '/calendar', label: t('nav.calendar'), show: true },
    { to: '/book', label: t('nav.book'), show: isStaff(user) },
    { to: '/dashboard', label: t('nav.dashboard'), show: isCoordinator(user) },
  ].filter((l) => l.show);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="header-inner">
          <NavLink to="/calendar" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </NavLink>
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              {links.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to}>{l.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <span
              className={`live-dot live-${status}`}
              title={t(`realtime.${status}`)}
              role="img"
              aria-label={t(`realtime.${status}`)}
            />
            <DecisionsCounter />
            <NotificationBell />
            <LanguageSwitcher />
            <NavLink to="/profile" className="user-chip" data-testid="current-user" title={t('nav.profile')}>
              <span className="user-name">{user.name}</span>
              <span className="user-role">{t(`role.${user.role}`)}</span>
              <span className="visually-hidden">: {t('nav.profile')}</span>
              <span className="user-icon" aria-hidden="true" />
            </NavLink>
            <button type="button" className="button ghost" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <OfflineBanner />
      {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
      <main id="main" tabIndex={-1} ref={main}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** The number of proposals waiting for the viewer's answer; a link to them on the calendar. */
function DecisionsCounter() {
  const { t } = useI18n();
  const { total } = useDecisions();
  if (total === 0) return null;
  return (
    <NavLink
      to="/calendar#decisions"
      className="decisions-counter"
      title={t('inbox.count', { count: total })}
      data-testid="decisions-counter"
    >
      <span className="decisions-word">{t('inbox.short')}</span>{' '}
      <span className="decisions-count">{total}</span>
      <span className="visually-hidden">: {t('inbox.title')}</span>
    </NavLink>
  );
}
