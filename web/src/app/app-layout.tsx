import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { Loading } from '../components/async-state.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { ToastProvider } from '../components/toaster.tsx';
import { NotificationBell } from '../features/notifications/components/notification-bell.tsx';
import { isCoordinator, isStaff, useAuth, useUser } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { useRealtime } from '../lib/realtime.tsx';

/** The frame of every signed-in page: skip link, header with role-aware navigation, main landmark. */
export function AppLayout() {
  return (
    <ToastProvider>
      <AppFrame />
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
            <NotificationBell />
            <LanguageSwitcher />
            <span className="user-chip" data-testid="current-user">
              <span className="user-name">{user.name}</span>
              <span className="user-role">{t(`role.${user.role}`)}</span>
            </span>
            <button type="button" className="button ghost" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
      <main id="main" tabIndex={-1} ref={main}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
