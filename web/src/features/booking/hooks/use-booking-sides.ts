import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TUser } from '@telemost/core/schemas/user';
import { useMemo } from 'react';
import type { TDirectory } from '../../../lib/directory.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TClock } from '../../../lib/time.ts';
import type { TBookingDraft } from '../utils/booking-logic.ts';

/** Who the booking is between, as the form shows it. */
export type TBookingSides = {
  /** The colleges the user may invite in the chosen partnership. */
  partners: TInstitution[];
  /** The user's college and the partners picked so far: whose groups and teachers are listed. */
  shownInstitutions: TInstitution[];
  /** One clock per side (the user's first), deduplicated; the viewer's zone when there is no side. */
  clocks: TClock[];
  /** The colleges whose calendars the time must suit: the user's and the picked partners (all while none is). */
  sides: TInstitution[];
};

/**
 * The sides of a booking and their clocks: the user's college and the picked partners, or every
 * partner while none is picked, so that both clocks show from the start.
 */
export function useBookingSides(
  user: TUser,
  directory: TDirectory,
  draft: TBookingDraft,
  viewerZone: string,
): TBookingSides {
  const { pick } = useI18n();
  const partnership = directory.partnerships.find((p) => p.id === draft.partnershipId);
  const members = directory.institutions.filter((i) => partnership?.institutionIds.includes(i.id));
  const own = members.find((i) => i.id === user.institutionId);
  const partners = members.filter((i) => i.id !== user.institutionId);
  const shownInstitutions = [
    own,
    ...partners.filter((p) => draft.partnerInstitutionIds.includes(p.id)),
  ].filter((i) => i !== undefined);
  const sides = [
    own,
    ...(draft.partnerInstitutionIds.length
      ? partners.filter((p) => draft.partnerInstitutionIds.includes(p.id))
      : partners),
  ].filter((i) => i !== undefined);
  const clocks: TClock[] = useMemo(() => {
    const list: TClock[] = [];
    for (const inst of sides) {
      if (!inst) continue;
      const label = pick(inst.city);
      if (!list.some((c) => c.timeZone === inst.timeZone && c.label === label))
        list.push({ timeZone: inst.timeZone, label });
    }
    if (list.length === 0) list.push({ timeZone: viewerZone, label: viewerZone });
    return list;
  }, [sides, pick, viewerZone]);
  return { partners, shownInstitutions, clocks, sides };
}
