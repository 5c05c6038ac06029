import { useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { createCalendarFeed, revokeCalendarFeed } from '../api/events-api.ts';

/** The personal calendar-feed link for Google, Outlook or Apple calendars; creating one replaces the old. */
export function CalendarFeed() {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await action();
    } catch (err) {
      setStatus(message(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      <p className="muted">{t('feed.lead')}</p>
      {url && (
        <div className="field">
          <label htmlFor="feed-url">{t('feed.url')}</label>
          <div className="copy-row">
            <input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                void navigator.clipboard?.writeText(url).then(
                  () => setStatus(t('feed.copied')),
                  () => setStatus(t('feed.copyFailed')),
                )
              }
            >
              {t('feed.copy')}
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => run(async () => setUrl((await createCalendarFeed()).url))}
        >
          {url ? t('feed.rotate') : t('feed.create')}
        </button>
        {url && (
          <button
            type="button"
            className="button ghost"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await revokeCalendarFeed();
                setUrl(null);
                setStatus(t('feed.revoked'));
              })
            }
          >
            {t('feed.revoke')}
          </button>
        )}
      </div>
      <p className="muted" role="status">
        {status}
      </p>
    </section>
  );
}
