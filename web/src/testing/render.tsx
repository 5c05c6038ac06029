import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import type { TLocale } from '../lib/i18n/dictionary.ts';
import { I18nProvider } from '../lib/i18n/i18n.tsx';

/** Renders a component as the app does: inside the language provider and a router. */
export function renderWithApp(ui: ReactElement, options: { locale?: TLocale } = {}) {
  return render(
    <I18nProvider initial={options.locale ?? 'ru'}>
      <MemoryRouter>{ui}</MemoryRouter>
    </I18nProvider>,
  );
}
