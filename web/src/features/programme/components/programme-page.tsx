import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../../components/async-state.tsx';
import { PublicPage } from '../../../components/public-page.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { browserZone } from '../../../lib/time.ts';
import { getProgramme } from '../api/programme-api.ts';
import { ProgrammeView } from './programme-view.tsx';
import '../programme.css';

/** `/programme/:id`: the public programme of a conference or cultural event, to share with anyone. */
export function ProgrammePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const programme = useApi((signal) => getProgramme(id, signal), [id]);
  const title = programme.data?.event.title;
  useEffect(() => {
    if (title) document.title = `${title} — ${t('programme.title')}`;
  }, [title, t]);
  const notFound =
    programme.error instanceof ApiError && (programme.error.status === 404 || programme.error.status === 422);
  return (
    <PublicPage mainClassName="programme-main">
      {programme.data ? (
        <ProgrammeView programme={programme.data} viewerZone={browserZone()} />
      ) : programme.error != null ? (
        <div className="error-state" role="alert">
          <p>{notFound ? t('programme.notFound') : t('error.generic')}</p>
          {!notFound && (
            <button type="button" className="button secondary" onClick={programme.reload}>
              {t('common.retry')}
            </button>
          )}
        </div>
      ) : (
        <Loading label={t('programme.loading')} />
      )}
    </PublicPage>
  );
}
