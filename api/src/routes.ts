import type { AppContext } from './context.ts';
import { attendanceRoutes } from './features/attendance/routes.ts';
import { authRoutes } from './features/auth/routes.ts';
import { calendarRoutes } from './features/calendar/routes.ts';
import { directoryRoutes } from './features/directory/routes.ts';
import { eventRoutes } from './features/events/routes.ts';
import { joinRoutes } from './features/join/routes.ts';
import { notificationRoutes } from './features/notifications/routes.ts';
import { reportRoutes } from './features/reports/routes.ts';
import { userRoutes } from './features/users/routes.ts';
import type { TRoute } from './lib/route.ts';

/** Every JSON route of the api, in one list: mounted by the app and published as OpenAPI. */
export function allRoutes(ctx: AppContext): TRoute[] {
  return [
    ...authRoutes(ctx),
    ...userRoutes(ctx),
    ...directoryRoutes(ctx),
    ...eventRoutes(ctx),
    ...calendarRoutes(ctx),
    ...notificationRoutes(ctx),
    ...joinRoutes(ctx),
    ...attendanceRoutes(ctx),
    ...reportRoutes(ctx),
  ];
}
