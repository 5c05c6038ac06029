import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import type { TUser } from '@telemost/core/schemas/user';
import type { TDirectory } from '../../../lib/directory.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TBookingResult, TSlot, TSlotQuery } from '../api/booking-api.ts';
import { useBookingDraft } from '../hooks/use-booking-draft.ts';
import { useBookingSides } from '../hooks/use-booking-sides.ts';
import { useBookingSubmit } from '../hooks/use-booking-submit.ts';
import { useSlotSuggestions } from '../hooks/use-slot-suggestions.ts';
import { ActivityFields } from './activity-fields.tsx';
import { BookingProblems } from './booking-problems.tsx';
import { CalendarOverride } from './calendar-override.tsx';
import { ParticipantPickers } from './participant-pickers.tsx';
import { RecurrenceFields } from './recurrence-fields.tsx';
import { StartTimeFields } from './start-time-fields.tsx';

export type TBookingFormProps = {
  user: TUser;
  directory: TDirectory;
  /** Teachers the user may invite: their own college's and the partner colleges'. */
  teachers: TUser[];
  viewerZone: string;
  submit: (body: TCreateEventRequest) => Promise<TBookingResult>;
  findSlots: (query: TSlotQuery) => Promise<TSlot[]>;
  onBooked: (result: TBookingResult) => void;
  now?: () => Date;
};

/**
 * Booking a joint activity: who (partner colleges, groups, teachers), what, and when — on either
 * side's clock or from the suggested mutual free slots — with the api's refusals explained in place.
 */
export function BookingForm({
  user,
  directory,
  teachers,
  viewerZone,
  submit,
  findSlots,
  onBooked,
  now,
}: TBookingFormProps) {
  const { t } = useI18n();
  const clock = now ?? (() => new Date());
  const { draft, errors, setErrors, update } = useBookingDraft(user, directory, viewerZone);
  const { partners, shownInstitutions, clocks, sides } = useBookingSides(user, directory, draft, viewerZone);
  const { slots, suggest } = useSlotSuggestions(findSlots, clock);
  const problemContext = { institutions: directory.institutions, groups: directory.groups, teachers, clocks };
  const { problem, failure, busy, summaryRef, onSubmit } = useBookingSubmit({
    draft,
    setErrors,
    submit,
    onBooked,
    now: clock,
    problemContext,
  });
  const errorCount = Object.values(errors).filter(Boolean).length;
  const canOverride = user.role === 'coordinator' || user.role === 'admin';
  const fields = { draft, errors, update };

  return (
    <form className="booking-form" onSubmit={onSubmit} noValidate aria-describedby="booking-summary">
      <BookingProblems summaryRef={summaryRef} problem={problem} failure={failure} errorCount={errorCount} />
      <ParticipantPickers
        user={user}
        directory={directory}
        teachers={teachers}
        partners={partners}
        shownInstitutions={shownInstitutions}
        {...fields}
      />
      <ActivityFields {...fields} />
      <section className="card form-section" aria-labelledby="when-title">
        <h2 id="when-title">{t('booking.when')}</h2>
        <StartTimeFields
          clocks={clocks}
          sides={sides}
          problemSides={shownInstitutions}
          problemContext={problemContext}
          now={clock()}
          slots={slots}
          onSuggest={(search) => void suggest(draft, search)}
          {...fields}
        />
        <RecurrenceFields {...fields} />
        {canOverride && <CalendarOverride {...fields} />}
      </section>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="booking-submit">
          {busy ? t('booking.submitting') : t('booking.submit')}
        </button>
        <p className="muted">{t('booking.submitHint')}</p>
      </div>
    </form>
  );
}
