import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import './public-page.css';

/**
 * The frame of a page anyone opens from a link without the app's navigation (sign-in, an invitation,
 * the phone camera, a certificate, a programme): a bar with the brand and the language switcher,
 * then `<main id="main">` filling the rest. `mainClassName` lays out what is inside; `skipLink`
 * adds the "skip to content" link first.
 */
export function PublicPage({
  mainClassName,
  skipLink = false,
  children,
}: {
  mainClassName: string;
  skipLink?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="public-layout">
      {skipLink && (
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
      )}
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className={`public-main ${mainClassName}`}>
        {children}
      </main>
    </div>
  );
}
