import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render.tsx';
import { PublicPage } from './public-page.tsx';

const LANGUAGE = 'Язык интерфейса';

describe('PublicPage', () => {
  it('when a public page renders, then it has the brand, a labelled language switcher and its content in a focusable main', () => {
    renderWithApp(
      <PublicPage mainClassName="camera-main">
        <h1>Камера</h1>
      </PublicPage>,
    );
    expect(screen.getByRole('banner').textContent).toContain('Телемост');
    expect(screen.getByRole('combobox', { name: LANGUAGE })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.id).toBe('main');
    expect(main.tabIndex).toBe(-1);
    expect(main.className).toBe('public-main camera-main');
    expect(screen.getByRole('heading', { name: 'Камера' }).closest('main')).toBe(main);
    expect(screen.queryByRole('link', { name: 'Перейти к содержимому' })).toBeNull();
  });

  it('when a page asks for the skip link, then it comes first and leads to main; switching the language rewrites the page', () => {
    renderWithApp(
      <PublicPage mainClassName="sign-in-main" skipLink>
        <p>…</p>
      </PublicPage>,
    );
    const skip = screen.getByRole('link', { name: 'Перейти к содержимому' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.body.querySelector('a, header, main')).toBe(skip);
    fireEvent.change(screen.getByRole('combobox', { name: LANGUAGE }), { target: { value: 'kk' } });
    expect(screen.getByRole('link', { name: 'Мазмұнға өту' })).toBe(skip);
    expect(document.documentElement.lang).toBe('kk');
  });
});
