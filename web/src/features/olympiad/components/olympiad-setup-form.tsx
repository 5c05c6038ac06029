import type { TLocalizedText } from '@telemost/core/schemas/common';
import { useState } from 'react';
import { Field, FieldSet } from '../../../components/field.tsx';
import { PeopleChecklist, SetupFormFooter } from '../../../components/setup-form-parts.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useFieldSubmit } from '../../../hooks/use-field-submit.ts';
import { listStaffOf } from '../../../lib/directory.ts';
import { faultAt } from '../../../lib/field-errors.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { setupOlympiad, type TOlympiad } from '../api/olympiad-api.ts';

type TCollege = { id: string; name: TLocalizedText };
const pct = (share: number) => String(Math.round(share * 100));

/**
 * For a host: the olympiad's jury, drawn from the teachers and coordinators of both colleges, its
 * chief expert (one of the jury) and the medal thresholds (shares of the maximum total). Saving
 * again changes them until marking closes. The api's objections are shown at the field at fault.
 */
export function OlympiadSetupForm({
  eventId,
  institutions,
  current,
  onSaved,
}: {
  eventId: string;
  institutions: TCollege[];
  current: TOlympiad | null;
  onSaved: (o: TOlympiad) => void;
}) {
  const { t, pick } = useI18n();
  const candidates = useApi(
    (s) =>
      listStaffOf(
        institutions.map((i) => i.id),
        s,
      ),
    [institutions.map((i) => i.id).join(',')],
  );
  const accounts = (current?.jurors ?? []).filter((j) => j.kind === 'account').map((j) => j.id);
  const [jurors, setJurors] = useState<string[]>(accounts);
  const [chief, setChief] = useState(current?.chiefExpertId ?? '');
  const [gold, setGold] = useState(pct(current?.medals.gold ?? 0.9));
  const [silver, setSilver] = useState(pct(current?.medals.silver ?? 0.75));
  const [bronze, setBronze] = useState(pct(current?.medals.bronze ?? 0.6));

  const people = candidates.data ?? [];
  const chosen = people.filter((p) => jurors.includes(p.id));

  const { errors, general, saving, submit } = useFieldSubmit(async () => {
    const saved = await setupOlympiad(eventId, {
      jurorIds: jurors,
      chiefExpertId: chief,
      medals: { gold: Number(gold) / 100, silver: Number(silver) / 100, bronze: Number(bronze) / 100 },
    });
    onSaved(saved);
  });

  const medal = (key: 'gold' | 'silver' | 'bronze', value: string, set: (v: string) => void) => (
    <Field
      label={t(`olympiadSetup.${key}`)}
      error={
        faultAt(errors, `medals.${key}`) || (key === 'silver' && faultAt(errors, 'medals'))
          ? t('olympiadSetup.medalsError')
          : null
      }
    >
      <input
        type="number"
        min="1"
        max="100"
        step="1"
        value={value}
        onChange={(e) => set(e.target.value)}
        required
      />
    </Field>
  );

  return (
    <form
      className="card olympiad-setup"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="olympiad-setup-title"
      noValidate
    >
      <h2 id="olympiad-setup-title">{t(current ? 'olympiadSetup.editTitle' : 'olympiadSetup.title')}</h2>
      <p className="muted">{t('olympiadSetup.hint')}</p>
      {candidates.loading && !candidates.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <FieldSet
          legend={t('olympiadSetup.jury')}
          error={faultAt(errors, 'jurorIds') ? t('olympiadSetup.juryError') : null}
        >
          <div className="olympiad-setup-colleges">
            {institutions.map((inst) => (
              <div key={inst.id} className="olympiad-setup-college">
                <h3>{pick(inst.name)}</h3>
                <PeopleChecklist
                  people={people.filter((p) => p.institutionId === inst.id)}
                  chosen={jurors}
                  onChange={setJurors}
                />
              </div>
            ))}
          </div>
        </FieldSet>
      )}
      <Field
        label={t('olympiadSetup.chief')}
        hint={t('olympiadSetup.chiefHint')}
        error={faultAt(errors, 'chiefExpertId') ? t('olympiadSetup.chiefError') : null}
      >
        <select value={chief} onChange={(e) => setChief(e.target.value)}>
          <option value="">—</option>
          {chosen.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <FieldSet legend={t('olympiadSetup.medals')}>
        <p className="hint">{t('olympiadSetup.medalsHint')}</p>
        <div className="olympiad-setup-medals">
          {medal('gold', gold, setGold)}
          {medal('silver', silver, setSilver)}
          {medal('bronze', bronze, setBronze)}
        </div>
      </FieldSet>
      <SetupFormFooter
        general={general}
        fieldErrors={errors}
        saving={saving}
        label={t('olympiadSetup.save')}
      />
    </form>
  );
}
