import { createBrowserRouter, Navigate } from 'react-router';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { registerJoinBridge } from '../lib/join-handoff.ts';
import { registerPreload } from '../lib/preload.ts';
import { AppLayout } from './app-layout.tsx';
import { RequireRole, RequireSignIn } from './guards.tsx';
import { NotFoundPage, RouteErrorPage } from './route-pages.tsx';

const loadTelebridge = () => import('../features/telebridge/components/telebridge-page.tsx');
// The lesson page loads the video bridge while its join window is open, and has it get ready to join.
registerPreload('telebridge', () => loadTelebridge().then((m) => registerJoinBridge(m.joinBridge)));

/**
 * Every page but sign-in is its own chunk, loaded on first visit: the calendar page stays light,
 * and the video bridge (livekit-client) is fetched only by those who open a lesson.
 */
export const router = createBrowserRouter([
  { path: '/sign-in', Component: SignInPage },
  // Public: opened by people without an account (a guest's link, an employer checking a certificate).
  {
    path: '/invite/:token',
    lazy: () => import('./invite-route.tsx').then((m) => ({ Component: m.InviteRoute })),
  },
  {
    // A phone opens this from the QR code on the lesson page to be the workshop camera.
    path: '/camera/:code',
    lazy: () =>
      import('../features/camera/components/camera-page.tsx').then((m) => ({ Component: m.CameraPage })),
  },
  {
    path: '/certificates/:code',
    lazy: () =>
      import('../features/certificates/components/certificate-page.tsx').then((m) => ({
        Component: m.CertificatePage,
      })),
  },
  {
    path: '/programme/:id',
    lazy: () =>
      import('../features/programme/components/programme-page.tsx').then((m) => ({
        Component: m.ProgrammePage,
      })),
  },
  {
    Component: RequireSignIn,
    ErrorBoundary: RouteErrorPage,
    children: [
      {
        Component: AppLayout,
        children: [
          { index: true, element: <Navigate to="/calendar" replace /> },
          {
            path: 'calendar',
            lazy: () =>
              import('../features/calendar/components/calendar-page.tsx').then((m) => ({
                Component: m.CalendarPage,
              })),
          },
          {
            path: 'book',
            element: <RequireRole staff />,
            children: [
              {
                index: true,
                lazy: () =>
                  import('../features/booking/components/booking-page.tsx').then((m) => ({
                    Component: m.BookingPage,
                  })),
              },
            ],
          },
          {
            path: 'events/:id',
            lazy: () =>
              import('../features/events/components/event-page.tsx').then((m) => ({
                Component: m.EventPage,
              })),
          },
          {
            path: 'events/:id/olympiad',
            lazy: () =>
              import('../features/olympiad/components/olympiad-page.tsx').then((m) => ({
                Component: m.OlympiadPage,
              })),
          },
          {
            path: 'events/:id/internship',
            lazy: () =>
              import('../features/internship/components/internship-page.tsx').then((m) => ({
                Component: m.InternshipPage,
              })),
          },
          {
            path: 'events/:id/live',
            lazy: () => loadTelebridge().then((m) => ({ Component: m.TelebridgePage })),
          },
          {
            path: 'dashboard',
            element: <RequireRole coordinator />,
            children: [
              {
                index: true,
                lazy: () =>
                  import('../features/dashboard/components/dashboard-page.tsx').then((m) => ({
                    Component: m.DashboardPage,
                  })),
              },
            ],
          },
          {
            path: 'profile',
            lazy: () =>
              import('../features/profile/components/profile-page.tsx').then((m) => ({
                Component: m.ProfilePage,
              })),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
