import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TUser } from '@telemost/core/schemas/user';
import { Field, FieldSet } from '../../../components/field.tsx';
import type { TDirectory } from '../../../lib/directory.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { type TUpdateDraft, toggle } from '../hooks/use-booking-draft.ts';
import type { TBookingDraft, TFieldMessages } from '../utils/booking-logic.ts';

type TProps = {
  user: TUser;
  directory: TDirectory;
  teachers: TUser[];
  partners: TInstitution[];
  shownInstitutions: TInstitution[];
  draft: TBookingDraft;
  errors: TFieldMessages;
  update: TUpdateDraft;
};

/**
 * "Who takes part": the partnership (when there are several), the partner colleges, and the groups
 * and teachers of the user's college and of each picked partner. Unpicking a partner drops its groups
 * and teachers from the draft.
 */
export function ParticipantPickers({
  user,
  directory,
  teachers,
  partners,
  shownInstitutions,
  draft,
  errors,
  update,
}: TProps) {
  const { t, pick } = useI18n();
  return (
    <section className="card form-section" aria-labelledby="who-title">
      <h2 id="who-title">{t('booking.who')}</h2>
      {directory.partnerships.length > 1 && (
        <Field label={t('booking.partnership')} error={errors.partnershipId}>
          <select
            value={draft.partnershipId}
            onChange={(e) => {
              update('partnershipId', e.target.value, 'partnershipId');
              update('partnerInstitutionIds', []);
              update('groupIds', []);
            }}
          >
            {directory.partnerships.map((p) => (
              <option key={p.id} value={p.id}>
                {p.number} — {pick(p.title)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <FieldSet legend={t('booking.partners')} error={errors.institutionIds}>
        {partners.length === 0 && <p className="muted">{t('booking.noPartners')}</p>}
        <div className="check-grid">
          {partners.map((p) => (
            <label key={p.id} className="check">
              <input
                type="checkbox"
                checked={draft.partnerInstitutionIds.includes(p.id)}
                onChange={() => {
                  const next = toggle(draft.partnerInstitutionIds, p.id);
                  update('partnerInstitutionIds', next, 'institutionIds');
                  const keep = directory.groups.filter(
                    (g) => g.institutionId === user.institutionId || next.includes(g.institutionId),
                  );
                  update(
                    'groupIds',
                    draft.groupIds.filter((id) => keep.some((g) => g.id === id)),
                  );
                  const stay = (institutionId: string | null) =>
                    institutionId === user.institutionId || next.includes(institutionId ?? '');
                  update(
                    'teacherIds',
                    draft.teacherIds.filter((id) =>
                      stay(teachers.find((x) => x.id === id)?.institutionId ?? null),
                    ),
                  );
                }}
              />
              <span>
                {pick(p.name)} <span className="muted">({pick(p.city)})</span>
              </span>
            </label>
          ))}
        </div>
      </FieldSet>
      <FieldSet legend={t('booking.groups')} error={errors.groupIds}>
        {shownInstitutions.map((inst) => {
          const groups = directory.groups.filter((g) => g.institutionId === inst.id);
          return (
            <div key={inst.id} className="group-block">
              <p className="group-college">{pick(inst.name)}</p>
              {groups.length === 0 && <p className="muted">{t('booking.noGroups')}</p>}
              <div className="check-grid">
                {groups.map((g) => (
                  <label key={g.id} className="check">
                    <input
                      type="checkbox"
                      checked={draft.groupIds.includes(g.id)}
                      onChange={() => update('groupIds', toggle(draft.groupIds, g.id), 'groupIds')}
                    />
                    <span>
                      {g.name} <span className="muted">{t('booking.groupSize', { count: g.size })}</span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
          );
        })}
        {draft.partnerInstitutionIds.length === 0 && <p className="muted">{t('booking.pickPartnerFirst')}</p>}
      </FieldSet>
      <FieldSet legend={t('booking.teachers')} error={errors.teacherIds}>
        {shownInstitutions.map((inst) => {
          const mine = teachers.filter((x) => x.institutionId === inst.id);
          return (
            <div key={inst.id} className="group-block">
              <p className="group-college">{pick(inst.name)}</p>
              {mine.length === 0 && <p className="muted">{t('booking.noTeachers')}</p>}
              <div className="check-grid">
                {mine.map((x) => (
                  <label key={x.id} className="check">
                    <input
                      type="checkbox"
                      checked={draft.teacherIds.includes(x.id)}
                      onChange={() => update('teacherIds', toggle(draft.teacherIds, x.id), 'teacherIds')}
                    />
                    <span>{x.name}</span>
                  </label>
                ))}
              </div>
            </div>
          );
        })}
      </FieldSet>
    </section>
  );
}
