import type { ReactNode } from 'react';
import { useApiErrorMessage } from '../hooks/use-api-error-message.ts';
import { useI18n } from '../lib/i18n/i18n.tsx';
import './async-state.css';

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

/** An error from the api, in words, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  return (
    <div className="error-state" role="alert">
      <p>{message(error)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Nothing to show, said plainly, with what to do next. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}
