import type { TCertificate } from '@telemost/core/schemas/certificate';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../../components/async-state.tsx';
import { PublicPage } from '../../../components/public-page.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { browserZone } from '../../../lib/time.ts';
import { getCertificate } from '../api/certificate-api.ts';
import { CertificateView } from './certificate-view.tsx';
import '../certificates.css';

/** `/certificates/:code`: anyone (an employer) checks a certificate without signing in. */
export function CertificatePage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const [certificate, setCertificate] = useState<TCertificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    getCertificate(code, ac.signal).then(setCertificate, (err) => {
      if ((err as Error).name === 'AbortError') return;
      setError(
        err instanceof ApiError && (err.status === 404 || err.status === 422)
          ? t('certificate.notFound')
          : t('error.generic'),
      );
    });
    return () => ac.abort();
  }, [code, t]);
  return (
    <PublicPage mainClassName="certificate-main">
      {certificate ? (
        <CertificateView certificate={certificate} viewerZone={browserZone()} />
      ) : error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : (
        <Loading />
      )}
    </PublicPage>
  );
}
