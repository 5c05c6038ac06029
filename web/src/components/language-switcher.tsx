import { useId } from 'react';
import { type TLocale, UI_LOCALES } from '../lib/i18n/dictionary.ts';
import { useI18n } from '../lib/i18n/i18n.tsx';

const NATIVE_NAMES: Record<TLocale, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** Picks the UI language; each language is named in itself so anyone can find theirs. */
export function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('nav.language')}
      </label>
      <select id={id} value={locale} onChange={(e) => setLocale(e.target.value as TLocale)}>
        {UI_LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
