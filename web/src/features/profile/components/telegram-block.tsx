import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatLongDate } from '../../../lib/time.ts';
import {
  createTelegramLink,
  getTelegramStatus,
  type TTelegramStatus,
  unlinkTelegram,
} from '../api/telegram-api.ts';

/**
 * The Telegram block of the profile: link the account through the bot's deep link (opened in a
 * new tab, where Telegram takes over), see that it is linked, unlink.
 */
export function TelegramBlock({
  openUrl = (url: string) => {
    window.open(url, '_blank', 'noopener');
  },
  viewerZone = 'Europe/Moscow',
}: {
  openUrl?: (url: string) => void;
  /** The zone the viewer reads times in (the profile page's `useViewerZone()`). */
  viewerZone?: string;
}) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<TTelegramStatus | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setStatus(await getTelegramStatus(signal));
        setError(null);
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setError(t('telegram.error'));
      }
    },
    [t],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // While a link is open in Telegram, look again now and then: the block turns "linked" by itself.
  useEffect(() => {
    if (!link || status?.linked) return;
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [link, status?.linked, load]);

  const onLink = async () => {
    setBusy(true);
    setError(null);
    try {
      const { url } = await createTelegramLink();
      setLink(url);
      openUrl(url);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 503 ? t('telegram.off') : t('telegram.error'));
    } finally {
      setBusy(false);
    }
  };
  const onUnlink = async () => {
    setBusy(true);
    try {
      await unlinkTelegram();
      setLink(null);
      await load();
    } catch {
      setError(t('telegram.error'));
    } finally {
      setBusy(false);
    }
  };

  const linkedAt = status?.linkedAt ? new Date(status.linkedAt) : null;
  return (
    <section className="card telegram-block" aria-labelledby="telegram-title" data-testid="telegram-block">
      <h2 id="telegram-title">{t('telegram.title')}</h2>
      <p className="telegram-lead">{t('telegram.lead')}</p>
      {status === null && !error && <p>{t('common.loading')}</p>}
      {status && !status.enabled && <p data-testid="telegram-state">{t('telegram.off')}</p>}
      {status?.enabled && status.linked && (
        <>
          <p className="telegram-state linked" data-testid="telegram-state">
            <span aria-hidden="true">✓ </span>
            {t('telegram.linked')}
            {linkedAt && ` (${formatLongDate(linkedAt, viewerZone, locale)})`}
          </p>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void onUnlink()}>
            {t('telegram.unlink')}
          </button>
        </>
      )}
      {status?.enabled && !status.linked && (
        <>
          <p className="telegram-state" data-testid="telegram-state">
            {t('telegram.notLinked')}
          </p>
          <button type="button" className="button primary" disabled={busy} onClick={() => void onLink()}>
            {t('telegram.link')}
          </button>
          {link && (
            <p className="telegram-hint" data-testid="telegram-hint">
              {t('telegram.hint')}{' '}
              <a href={link} target="_blank" rel="noopener noreferrer">
                {t('telegram.openAgain')}
              </a>
            </p>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="telegram-error">
          {error}
        </p>
      )}
    </section>
  );
}
