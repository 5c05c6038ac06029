import { Link, useRouteError } from 'react-router';
import { useI18n } from '../lib/i18n/i18n.tsx';

/** An address that leads nowhere. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFound')}</p>
      <Link to="/calendar">{t('nav.calendar')}</Link>
    </div>
  );
}

/** A page that failed to load (e.g. a chunk after a new deployment) or crashed. */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="page">
      <h1>{t('error.crashTitle')}</h1>
      <p>{t('error.crash')}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </main>
  );
}
