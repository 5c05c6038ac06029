import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render.tsx';
import { TelegramBlock } from './telegram-block.tsx';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** A stand-in for the api's three Telegram routes, with a linked flag the test flips. */
function fakeApi(state: { enabled: boolean; linked: boolean }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push(`${method} ${url}`);
      if (url === '/api/me/telegram') {
        return json(200, {
          enabled: state.enabled,
          linked: state.linked,
          linkedAt: state.linked ? '2027-02-01T09:00:00.000Z' : null,
          botUsername: state.enabled ? 'telemost_bot' : null,
        });
      }
      if (url === '/api/me/telegram-link' && method === 'POST') {
        if (!state.enabled) return json(503, { status: 503, code: 'service_unavailable', title: 'off' });
        return json(200, {
          url: 'https://t.me/telemost_bot?start=abcdefghijklmnop1234',
          expiresAt: '2027-02-01T09:10:00Z',
        });
      }
      if (url === '/api/me/telegram-link' && method === 'DELETE') {
        state.linked = false;
        return new Response(null, { status: 204 });
      }
      return json(404, { status: 404, code: 'not_found' });
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('TelegramBlock', () => {
  it('when the account is not linked, then "Link Telegram" opens the bot deep link, and the block turns linked once the bot bound the chat', async () => {
    const state = { enabled: true, linked: false };
    fakeApi(state);
    const opened: string[] = [];
    renderWithApp(<TelegramBlock openUrl={(url) => opened.push(url)} />, { locale: 'kk' });
    expect(await screen.findByText('Telegram байланыстырылмаған.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Telegram-ды байланыстыру' }));
    await waitFor(() => expect(opened).toEqual(['https://t.me/telemost_bot?start=abcdefghijklmnop1234']));
    expect(screen.getByTestId('telegram-hint').textContent).toMatch(/Start/);
    // The person presses Start in Telegram; the block looks again by itself.
    state.linked = true;
    await waitFor(
      () => expect(screen.getByTestId('telegram-state').textContent).toMatch(/байланыстырылған/),
      {
        timeout: 5000,
      },
    );
  });

  it('when linked, then it says so and can unlink', async () => {
    const calls = fakeApi({ enabled: true, linked: true });
    renderWithApp(<TelegramBlock openUrl={() => {}} />);
    expect((await screen.findByTestId('telegram-state')).textContent).toMatch(/Telegram привязан/);
    fireEvent.click(screen.getByRole('button', { name: 'Отвязать Telegram' }));
    await waitFor(() =>
      expect(screen.getByTestId('telegram-state').textContent).toBe('Telegram не привязан.'),
    );
    expect(calls).toContain('DELETE /api/me/telegram-link');
  });

  it('when Telegram is off on the server, then the block says so and offers no button', async () => {
    fakeApi({ enabled: false, linked: false });
    renderWithApp(<TelegramBlock openUrl={() => {}} />, { locale: 'en' });
    expect((await screen.findByTestId('telegram-state')).textContent).toBe(
      'Telegram is not set up on this server.',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});
