import { useI18n } from '../../../lib/i18n/i18n.tsx';

export type TSeriesScope = 'this' | 'following';

/** For an occurrence of a series: change only this one, or this one and the rest of the series. */
export function SeriesScopePicker({
  name,
  scope,
  onChange,
}: {
  /** The radio group's name, unique on the page. */
  name: string;
  scope: TSeriesScope;
  onChange: (scope: TSeriesScope) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="fieldset">
      <legend>{t('scope.legend')}</legend>
      {(['this', 'following'] as const).map((value) => (
        <label key={value} className="check">
          <input type="radio" name={name} checked={scope === value} onChange={() => onChange(value)} />
          <span>{t(`scope.${value}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
