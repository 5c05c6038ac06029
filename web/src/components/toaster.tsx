import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n/i18n.tsx';
import './toaster.css';

/** A short message that appears in the corner and goes away by itself. */
export type TToast = {
  id: number;
  title: string;
  body?: string;
  href?: string;
  tone?: 'info' | 'success' | 'error';
};

type TToaster = { show: (toast: Omit<TToast, 'id'>) => void };

const ToastContext = createContext<TToaster>({ show: () => {} });
const TOAST_MS = 7000;

/** Renders toasts in a polite live region, so screen readers announce them without stealing focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<TToast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (toast: Omit<TToast, 'id'>) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-live="polite" aria-label={t('toasts.label')}>
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone ?? 'info'}`} data-testid="toast">
            <div className="toast-text">
              <strong>{toast.href ? <Link to={toast.href}>{toast.title}</Link> : toast.title}</strong>
              {toast.body && <p>{toast.body}</p>}
            </div>
            <button
              type="button"
              className="icon-button"
              onClick={() => dismiss(toast.id)}
              aria-label={t('toasts.dismiss')}
            >
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

/** Shows a toast. */
export function useToast(): TToaster {
  return useContext(ToastContext);
}
