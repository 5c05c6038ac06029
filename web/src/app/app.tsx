import { RouterProvider } from 'react-router';
import { ToastProvider } from '../components/toaster.tsx';
import { AuthProvider } from '../lib/auth.tsx';
import { I18nProvider } from '../lib/i18n/i18n.tsx';
import { RealtimeProvider } from '../lib/realtime.tsx';
import { router } from './router.tsx';

/** The whole client: language, session, live updates, toasts, routes. */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <RealtimeProvider>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </RealtimeProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
