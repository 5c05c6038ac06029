import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  interpolate,
  type TDictionary,
  type TLocale,
  type TMessageKey,
  type TMessageVars,
  UI_LOCALES,
} from './dictionary.ts';
import { ru } from './ru.ts';

const STORAGE_KEY = 'telemost.locale';

/**
 * The dictionaries at hand. Russian is bundled (the default, and the fallback for a missing key);
 * Kazakh and English are chunks of their own, loaded for the readers who use them.
 */
const loaded: Partial<Record<TLocale, TDictionary>> = { ru };
const LOADERS: Record<Exclude<TLocale, 'ru'>, () => Promise<TDictionary>> = {
  kk: () => import('./kk.ts').then((m) => m.kk),
  en: () => import('./en.ts').then((m) => m.en),
};
const loading = new Map<TLocale, Promise<void>>();

/** Whether a language's dictionary is here, so the UI can switch to it at once. */
export function hasDictionary(locale: TLocale): boolean {
  return loaded[locale] !== undefined;
}

/**
 * Loads a language's dictionary once; settles when it is here (or failed: that language then reads
 * in Russian, and a later call tries again).
 */
export function loadDictionary(locale: TLocale): Promise<void> {
  if (locale === 'ru' || loaded[locale]) return Promise.resolve();
  const started = loading.get(locale);
  if (started) return started;
  const done = LOADERS[locale]().then(
    (dict) => {
      loaded[locale] = dict;
    },
    (err: unknown) => {
      loading.delete(locale);
      console.error('dictionary did not load', locale, err);
    },
  );
  loading.set(locale, done);
  return done;
}

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
  /** Loads the language, switches to it and remembers the choice on this device. */
  setLocale: (locale: TLocale) => Promise<void>;
  /**
   * Adopts the account's language unless the user picked one on this device; settles once the UI
   * reads in it (its dictionary loaded), so the caller can show the account's pages then.
   */
  adoptAccountLocale: (locale: TLocale) => Promise<void>;
  t: TTranslate;
  /** Picks the UI language's variant of a `{ru, kk, en}` text from the api. */
  pick: (text: Record<TLocale, string>) => string;
};

const I18nContext = createContext<TI18n | null>(null);

/** Builds the translate function of one language (Russian until its dictionary has loaded). */
export function translator(locale: TLocale): TTranslate {
  const dict = loaded[locale] ?? ru;
  return (key, vars) => interpolate(dict[key] ?? ru[key] ?? key, vars);
}

/**
 * Provides the UI language; keeps `<html lang>` in step with it. A language is switched to only
 * once its dictionary is here (main.tsx loads the saved one before the first render), so a
 * Kazakh reader never sees a moment of Russian.
 */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: TLocale }) {
  const wanted = initial ?? storedLocale() ?? 'ru';
  const [locale, setLocaleState] = useState<TLocale>(() => (hasDictionary(wanted) ? wanted : 'ru'));

  // The wanted language was not loaded yet (main.tsx did not wait for it): switch when it arrives.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the first language is wanted here.
  useEffect(() => {
    if (!hasDictionary(wanted)) void loadDictionary(wanted).then(() => setLocaleState(wanted));
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: TLocale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    // A dictionary at hand switches at once; another is loaded first, and the latest choice wins
    // when two arrive out of order.
    if (hasDictionary(next)) {
      setLocaleState(next);
      return Promise.resolve();
    }
    return loadDictionary(next).then(() => {
      if ((storedLocale() ?? next) === next) setLocaleState(next);
    });
  }, []);

  const adoptAccountLocale = useCallback((accountLocale: TLocale) => {
    if (storedLocale()) return Promise.resolve();
    return loadDictionary(accountLocale).then(() => {
      if (!storedLocale()) setLocaleState(accountLocale);
    });
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
