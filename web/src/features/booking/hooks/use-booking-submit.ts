import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import { type FormEvent, useRef, useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TProblemContext } from '../../../lib/schedule-problems.ts';
import type { TBookingResult } from '../api/booking-api.ts';
import {
  mapBookingProblem,
  type TBookingDraft,
  type TFieldMessages,
  type TMappedProblem,
  toCreateRequest,
  validateDraft,
} from '../utils/booking-logic.ts';

type TSubmitOptions = {
  draft: TBookingDraft;
  setErrors: (errors: TFieldMessages) => void;
  submit: (body: TCreateEventRequest) => Promise<TBookingResult>;
  onBooked: (result: TBookingResult) => void;
  now: () => Date;
  /** What the api's refusals are explained with (names of colleges, groups, teachers; the clocks). */
  problemContext: Omit<TProblemContext, 't' | 'locale'>;
};

/**
 * Sending the booking: the draft is checked first (messages beside the fields), then sent; the api's
 * conflict, calendar and field refusals become messages in place, anything else one failure line.
 * Either way the summary above the form takes the focus.
 */
export function useBookingSubmit({
  draft,
  setErrors,
  submit,
  onBooked,
  now,
  problemContext,
}: TSubmitOptions) {
  const { t, locale } = useI18n();
  const errorMessage = useApiErrorMessage();
  const [problem, setProblem] = useState<TMappedProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setProblem(null);
    const found = validateDraft(draft, { t, now: now(), groups: problemContext.groups });
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      onBooked(await submit(toCreateRequest(draft)));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422 || err.status === 403)) {
        const mapped = mapBookingProblem(err.problem, { t, locale, ...problemContext });
        setErrors(mapped.fields);
        setProblem(mapped);
      } else setFailure(errorMessage(err));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return { problem, failure, busy, summaryRef, onSubmit };
}
