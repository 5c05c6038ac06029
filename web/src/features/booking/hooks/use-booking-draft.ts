import type { TUser } from '@telemost/core/schemas/user';
import { useState } from 'react';
import type { TDirectory } from '../../../lib/directory.ts';
import { emptyDraft, type TBookingDraft, type TFieldMessages } from '../utils/booking-logic.ts';

/** Sets one field of the draft and clears the message of the form field it belongs to. */
export type TUpdateDraft = <K extends keyof TBookingDraft>(
  key: K,
  value: TBookingDraft[K],
  field?: keyof TFieldMessages,
) => void;

/** The booking being written and the messages shown beside its fields. */
export function useBookingDraft(user: TUser, directory: TDirectory, viewerZone: string) {
  const [draft, setDraft] = useState<TBookingDraft>(() =>
    emptyDraft({
      partnershipId: directory.partnerships[0]?.id ?? '',
      teacherId: user.role === 'teacher' ? user.id : undefined,
      timeZone: viewerZone,
    }),
  );
  const [errors, setErrors] = useState<TFieldMessages>({});
  const update: TUpdateDraft = (key, value, field) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  return { draft, errors, setErrors, update };
}

/** The list with `id` added, or removed when it was there. */
export const toggle = (list: string[], id: string) =>
  list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
