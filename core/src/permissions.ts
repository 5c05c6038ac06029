import type { TRole } from './schemas/user.ts';

/** Who is acting: enough to decide permissions without I/O. */
export type TActor = {
  id: string;
  role: TRole;
  institutionId: string | null;
};

/** Users the actor may list: admins everyone; coordinators and teachers their own college's people. */
export function canListUsers(actor: TActor, institutionId: string | undefined): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'coordinator' && actor.role !== 'teacher') return false;
  return institutionId === undefined || institutionId === actor.institutionId;
}

/** Admins create anyone; coordinators create non-admin accounts of their own college only. */
export function canCreateUser(actor: TActor, target: { role: TRole; institutionId: string }): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'coordinator' && target.role !== 'admin' && target.institutionId === actor.institutionId
  );
}

/** Whether the actor may act (confirm, decline, cancel, reschedule) on behalf of an institution. */
export function canActForInstitution(actor: TActor, institutionId: string): boolean {
  if (actor.role === 'admin') return true;
  return (actor.role === 'coordinator' || actor.role === 'teacher') && actor.institutionId === institutionId;
}

/** Booking joint activities is for staff: teachers, coordinators and admins. */
export function canBook(actor: TActor): boolean {
  return actor.role === 'admin' || actor.role === 'coordinator' || actor.role === 'teacher';
}

/** Only coordinators and admins may book outside working time or on a day off. */
export function canOverrideCalendar(actor: TActor): boolean {
  return actor.role === 'admin' || actor.role === 'coordinator';
}

/** Reports on attendance and the plan of activities. */
export function canSeeReports(actor: TActor): boolean {
  return actor.role === 'admin' || actor.role === 'coordinator' || actor.role === 'teacher';
}
