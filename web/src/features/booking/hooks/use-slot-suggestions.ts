import { DateTime } from 'luxon';
import { useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TSlot, TSlotQuery } from '../api/booking-api.ts';
import { spreadSlots, type TBookingDraft, type TPartOfDay } from '../utils/booking-logic.ts';

export type TSlotsState = { state: 'idle' | 'loading' | 'done' | 'error'; items: TSlot[]; error?: string };

/** Which week (0 = this one) and part of the day the slot finder searches. */
export type TSlotSearch = { week: number; partOfDay: TPartOfDay };

/**
 * The mutual free slots of the draft's groups and teachers in the chosen week and part of the
 * day, on request, spread over different times (see `spreadSlots`).
 */
export function useSlotSuggestions(findSlots: (query: TSlotQuery) => Promise<TSlot[]>, now: () => Date) {
  const { t } = useI18n();
  const errorMessage = useApiErrorMessage();
  const [slots, setSlots] = useState<TSlotsState>({ state: 'idle', items: [] });

  const suggest = async (draft: TBookingDraft, search: TSlotSearch = { week: 0, partOfDay: 'any' }) => {
    if (draft.groupIds.length === 0 && draft.teacherIds.length === 0) {
      setSlots({ state: 'error', items: [], error: t('booking.slots.needGroups') });
      return;
    }
    setSlots({ state: 'loading', items: [] });
    const zone = draft.time.timeZone;
    const nextHour = DateTime.fromMillis(Math.ceil(now().getTime() / 3_600_000) * 3_600_000).setZone(zone);
    const monday = nextHour
      .startOf('day')
      .minus({ days: nextHour.weekday - 1 })
      .plus({ weeks: search.week });
    const from = search.week === 0 ? nextHour.toJSDate() : monday.toJSDate();
    const to = monday.plus({ weeks: 1 }).toJSDate();
    try {
      const items = await findSlots({
        partnershipId: draft.partnershipId,
        groupIds: draft.groupIds,
        teacherIds: draft.teacherIds,
        institutionIds: draft.partnerInstitutionIds,
        durationMinutes: draft.durationMinutes,
        from: from.toISOString(),
        to: to.toISOString(),
        limit: 100,
      });
      setSlots({
        state: 'done',
        items: spreadSlots(items, { timeZone: zone, partOfDay: search.partOfDay, max: 6 }),
      });
    } catch (err) {
      setSlots({ state: 'error', items: [], error: errorMessage(err) });
    }
  };

  return { slots, suggest };
}
