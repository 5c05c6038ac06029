import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { notificationText, useNotifications } from '../hooks/use-notifications.ts';
import '../notifications.css';

/** The bell: unread count, and a panel with the newest notifications. Escape or a click outside closes it. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const { data, error, loading, reload, readOne, readAll } = useNotifications();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = data?.unread ?? 0;
  const zone = useViewerZone();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-button bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-label={t('notifications.title')}>
          <div className="bell-panel-head">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && (
              <button type="button" className="button link" onClick={() => void readAll()}>
                {t('notifications.readAll')}
              </button>
            )}
          </div>
          {loading && !data && <Loading />}
          {error != null && <ErrorState error={error} onRetry={reload} />}
          {data && data.items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
          {data && data.items.length > 0 && (
            <ul className="bell-list">
              {data.items.map((n) => {
                const text = notificationText(n);
                return (
                  <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                    <Link
                      to={n.eventId ? `/events/${n.eventId}` : '/calendar'}
                      onClick={() => {
                        void readOne(n.id);
                        setOpen(false);
                      }}
                    >
                      {!n.readAt && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
                      <strong>{text.title}</strong>
                      {text.times && <span className="bell-times">{text.times}</span>}
                      {text.body && <span className="bell-body">{text.body}</span>}
                      <time className="muted" dateTime={n.createdAt}>
                        {formatDateTime(n.createdAt, zone, locale)}
                      </time>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
