import type { AppContext } from './context.ts';
import { attendanceRoutes } from './features/attendance/routes.ts';
import { authRoutes } from './features/auth/routes.ts';
import { breakoutRoutes } from './features/breakouts/routes.ts';
import { calendarRoutes } from './features/calendar/routes.ts';
import { certificateRoutes } from './features/certificates/routes.ts';
import { directoryRoutes } from './features/directory/routes.ts';
import { eventRoutes } from './features/events/routes.ts';
import { internshipRoutes } from './features/internships/routes.ts';
import { invitationRoutes } from './features/invitations/routes.ts';
import { joinRoutes } from './features/join/routes.ts';
import { materialRoutes } from './features/materials/routes.ts';
import { notificationRoutes } from './features/notifications/routes.ts';
import { olympiadRoutes } from './features/olympiads/routes.ts';
import { pollRoutes } from './features/polls/routes.ts';
import { programmeRoutes } from './features/programme/routes.ts';
import { reportRoutes } from './features/reports/routes.ts';
import { secondCameraRoutes } from './features/second-camera/routes.ts';
import { telegramRoutes } from './features/telegram/routes.ts';
import { userRoutes } from './features/users/routes.ts';
import { whiteboardRoutes } from './features/whiteboards/routes.ts';
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
    ...breakoutRoutes(ctx),
    ...pollRoutes(ctx),
    ...materialRoutes(ctx),
    ...secondCameraRoutes(ctx),
    ...whiteboardRoutes(ctx),
    ...invitationRoutes(ctx),
    ...programmeRoutes(ctx),
    ...attendanceRoutes(ctx),
    ...reportRoutes(ctx),
    ...certificateRoutes(ctx),
    ...olympiadRoutes(ctx),
    ...internshipRoutes(ctx),
    ...telegramRoutes(ctx),
  ];
}
