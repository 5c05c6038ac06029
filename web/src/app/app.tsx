import { RouterProvider } from 'react-router';
import { AuthProvider } from '../lib/auth.tsx';
import { I18nProvider } from '../lib/i18n/i18n.tsx';
import { RealtimeProvider } from '../lib/realtime.tsx';
import { router } from './router.tsx';

/** The whole client: language, session, live updates, routes (toasts live in the layout, inside the router, since they link). */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <RealtimeProvider>
          <RouterProvider router={router} />
        </RealtimeProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
