import { useEffect, useState } from 'react';
import { NETWORK_EVENT, type TNetworkDetail } from '../lib/api-client.ts';
import { useI18n } from '../lib/i18n/i18n.tsx';
import './offline-banner.css';

/**
 * A banner while the browser is offline (`navigator.onLine`, the `online`/`offline` events) or
 * while the last api request failed to reach the server, so that nothing fails silently.
 */
export function OfflineBanner() {
  const { t } = useI18n();
  const [offline, setOffline] = useState(() => typeof navigator !== 'undefined' && !navigator.onLine);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const goOffline = () => setOffline(true);
    const goOnline = () => setOffline(false);
    const onNetwork = (e: Event) => setFailed(!(e as CustomEvent<TNetworkDetail>).detail.ok);
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    window.addEventListener(NETWORK_EVENT, onNetwork);
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      window.removeEventListener(NETWORK_EVENT, onNetwork);
    };
  }, []);

  const retry = async () => {
    try {
      const res = await fetch('/healthz', { cache: 'no-store' });
      setFailed(!res.ok);
    } catch {
      setFailed(true);
    }
  };

  if (!offline && !failed) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <strong>{t('offline.title')}</strong>{' '}
      <span>{offline ? t('offline.offline') : t('offline.failed')}</span>
      {!offline && (
        <button type="button" className="button secondary" onClick={() => void retry()}>
          {t('offline.retry')}
        </button>
      )}
    </div>
  );
}
