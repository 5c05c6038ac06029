import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/async-state.tsx';
import { isCoordinator, isStaff, useAuth } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';

/** Sends signed-out visitors to sign-in, remembering where they were going. */
export function RequireSignIn() {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

/** Shows a page only to the roles it is for; others get a plain explanation. */
export function RequireRole({ staff, coordinator }: { staff?: boolean; coordinator?: boolean }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const allowed = user && ((staff && isStaff(user)) || (coordinator && isCoordinator(user)));
  if (!allowed) {
    return (
      <div className="page">
        <h1>{t('error.forbiddenTitle')}</h1>
        <p>{t('error.forbidden')}</p>
      </div>
    );
  }
  return <Outlet />;
}
