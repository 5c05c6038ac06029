import type { TUser } from '@telemost/core/schemas/user';
import { useI18n } from '../lib/i18n/i18n.tsx';

/** Checkboxes for choosing people (jurors, mentors): each with their role. */
export function PeopleChecklist({
  people,
  chosen,
  onChange,
}: {
  people: Pick<TUser, 'id' | 'name' | 'role'>[];
  chosen: string[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useI18n();
  if (people.length === 0) return <p className="muted">{t('olympiadSetup.nobody')}</p>;
  return (
    <>
      {people.map((p) => (
        <label key={p.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(p.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))
            }
          />{' '}
          {p.name} <span className="muted">({t(`role.${p.role}`)})</span>
        </label>
      ))}
    </>
  );
}

/**
 * The end of a setup form: the api's refusal when it named no field, "correct the marked fields"
 * when it did (each is then under its field), and the save button.
 */
export function SetupFormFooter({
  general,
  fieldErrors,
  saving,
  label,
}: {
  general: string | null;
  fieldErrors: Record<string, string>;
  saving: boolean;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      {Object.keys(fieldErrors).length > 0 && (
        <p className="form-error" role="alert">
          {t('olympiadSetup.fixFields')}
        </p>
      )}
      <button type="submit" className="button primary" disabled={saving}>
        {label}
      </button>
    </>
  );
}
