import type { TRole } from './schemas/user.ts';

/** Who is acting: enough to decide permissions without I/O. */
export type TActor = {
  id: string;
  role: TRole;
  institutionId: string | null;
};

/** Roles of a partner college that staff can see, so that they can book lessons with them. */
export const PARTNER_VISIBLE_ROLES = ['teacher', 'coordinator'] as const satisfies readonly TRole[];

/**
 * Whose people the actor may list: admins everyone; coordinators and teachers their own college's
 * people and the teachers and coordinators of partner colleges (`partnerIds`: colleges sharing a
 * partnership with theirs). Students and guests see no directory of people.
 */
export function canListUsers(
  actor: TActor,
  institutionId: string | undefined,
  partnerIds: ReadonlySet<string> = new Set(),
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'coordinator' && actor.role !== 'teacher') return false;
  return (
    institutionId === undefined || institutionId === actor.institutionId || partnerIds.has(institutionId)
  );
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
