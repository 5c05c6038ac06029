import type { ru } from './ru.ts';

/** UI languages: Russian (default), Kazakh, English. */
export const UI_LOCALES = ['ru', 'kk', 'en'] as const;
export type TLocale = (typeof UI_LOCALES)[number];

/** Every message key; Russian is the reference dictionary. */
export type TMessageKey = keyof typeof ru;

/** A full translation: every key of the Russian dictionary, each a non-empty string. */
export type TDictionary = Record<TMessageKey, string>;

/** Values substituted for `{name}` placeholders. */
export type TMessageVars = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so it gets noticed. */
export function interpolate(template: string, vars?: TMessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}
