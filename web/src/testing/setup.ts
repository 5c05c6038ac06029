import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadDictionary } from '../lib/i18n/i18n.tsx';

// The app loads Kazakh and English on demand; components under test render in any language at once.
await Promise.all([loadDictionary('kk'), loadDictionary('en')]);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
