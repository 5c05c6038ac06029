import { ApiError } from '../lib/api-client.ts';
import type { TMessageKey } from '../lib/i18n/dictionary.ts';
import { useI18n } from '../lib/i18n/i18n.tsx';

const BY_CODE: Partial<Record<string, TMessageKey>> = {
  network: 'error.network',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  rate_limited: 'error.rateLimited',
  invalid_state: 'error.invalidState',
  validation_failed: 'error.validation',
  unexpected_response: 'error.unexpected',
  service_unavailable: 'error.unavailable',
};

/** Turns any error into one sentence in the UI language. */
export function useApiErrorMessage(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError) {
      const key = BY_CODE[error.code];
      if (key) return t(key);
      return error.status >= 500 ? t('error.server') : t('error.generic');
    }
    return t('error.generic');
  };
}
