import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  interpolate,
  type TDictionary,
  type TLocale,
  type TMessageKey,
  type TMessageVars,
  UI_LOCALES,
} from './dictionary.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export const DICTIONARIES: Record<TLocale, TDictionary> = { ru, kk, en };
const STORAGE_KEY = 'telemost.locale';

/** The language the user chose on this device, if any. */
export function storedLocale(): TLocale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return (UI_LOCALES as readonly string[]).includes(v ?? '') ? (v as TLocale) : null;
  } catch {
    return null;
  }
}

export type TTranslate = (key: TMessageKey, vars?: TMessageVars) => string;

type TI18n = {
  locale: TLocale;
  /** Switches the language and remembers the choice on this device. */
  setLocale: (locale: TLocale) => void;
  /** Adopts the account's language unless the user picked one on this device. */
  adoptAccountLocale: (locale: TLocale) => void;
  t: TTranslate;
  /** Picks the UI language's variant of a `{ru, kk, en}` text from the api. */
  pick: (text: Record<TLocale, string>) => string;
};

const I18nContext = createContext<TI18n | null>(null);

/** Builds the translate function of one language. */
export function translator(locale: TLocale): TTranslate {
  const dict = DICTIONARIES[locale];
  return (key, vars) => interpolate(dict[key] ?? ru[key] ?? key, vars);
}

/** Provides the UI language; keeps `<html lang>` in step with it. */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: TLocale }) {
  const [locale, setLocaleState] = useState<TLocale>(() => initial ?? storedLocale() ?? 'ru');

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: TLocale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setLocaleState(next);
  }, []);

  const adoptAccountLocale = useCallback((accountLocale: TLocale) => {
    if (!storedLocale()) setLocaleState(accountLocale);
  }, []);

  const value = useMemo<TI18n>(
    () => ({
      locale,
      setLocale,
      adoptAccountLocale,
      t: translator(locale),
      pick: (text) => text[locale] || text.ru,
    }),
    [locale, setLocale, adoptAccountLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language and its translate function. */
export function useI18n(): TI18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
