import { describe, expect, it, vi } from 'vitest';
import { en } from './en.ts';
import { loadDictionary, translator } from './i18n.tsx';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

const DICTIONARIES = { ru, kk, en };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('when the Kazakh and English dictionaries are compared with the Russian one, then they have exactly the same keys', () => {
    const keys = Object.keys(ru).sort();
    expect(Object.keys(kk).sort()).toEqual(keys);
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  it('when any message of any language is read, then it is not empty', () => {
    for (const [locale, dict] of Object.entries(DICTIONARIES)) {
      for (const [key, text] of Object.entries(dict)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('when a message has placeholders, then every language uses the same ones', () => {
    for (const [key, text] of Object.entries(ru)) {
      expect(placeholders(kk[key as keyof typeof ru]), `kk ${key}`).toEqual(placeholders(text));
      expect(placeholders(en[key as keyof typeof ru]), `en ${key}`).toEqual(placeholders(text));
    }
  });

  it('when a message is translated with values, then the placeholders are filled', async () => {
    await Promise.all([loadDictionary('kk'), loadDictionary('en')]);
    expect(translator('ru')('dashboard.ofTarget', { done: 3, target: 10 })).toBe('3 из 10');
    expect(translator('kk')('dashboard.ofTarget', { done: 3, target: 10 })).toBe('10 ішінен 3');
    expect(translator('en')('dashboard.ofTarget', { done: 3, target: 10 })).toBe('3 of 10');
  });

  it('when a language has not loaded yet, then it reads in Russian', async () => {
    vi.resetModules();
    const fresh = await import('./i18n.tsx');
    expect(fresh.hasDictionary('kk')).toBe(false);
    expect(fresh.translator('kk')('dashboard.ofTarget', { done: 3, target: 10 })).toBe('3 из 10');
    await fresh.loadDictionary('kk');
    expect(fresh.translator('kk')('dashboard.ofTarget', { done: 3, target: 10 })).toBe('10 ішінен 3');
  });
});
