import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerJoinBridge } from '../../../lib/join-handoff.ts';
import { createEvent } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { JoinPanel, joinState, PREPARE_AGAIN_MS, PREPARE_LIMIT_MS } from './join-panel.tsx';

const START = '2027-02-10T07:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('joinState', () => {
  const confirmed = createEvent({ start: START, status: 'confirmed' });

  it('when it is earlier than 15 minutes before the start, then joining is closed and says how long to wait', () => {
    expect(joinState(confirmed, at('2027-02-10T06:40:00Z'))).toEqual({
      open: false,
      reason: 'early',
      inMs: 5 * 60_000,
    });
  });

  it('when the join window is open, then joining is allowed until the end', () => {
    expect(joinState(confirmed, at('2027-02-10T06:45:00Z')).open).toBe(true);
    expect(joinState(confirmed, at('2027-02-10T08:29:00Z')).open).toBe(true);
    expect(joinState(confirmed, at('2027-02-10T08:30:00Z'))).toEqual({ open: false, reason: 'ended' });
  });

  it('when a host has ended the lesson early, then joining is closed though its time has not run out', () => {
    const ended = createEvent({ start: START, status: 'confirmed', endedAt: '2027-02-10T07:40:00.000Z' });
    expect(joinState(ended, at('2027-02-10T07:45:00Z'))).toEqual({ open: false, reason: 'endedByHost' });
  });

  it('when the other side has not confirmed, or the event is cancelled, then joining stays closed', () => {
    expect(
      joinState(createEvent({ start: START, status: 'proposed' }), at('2027-02-10T06:50:00Z')).reason,
    ).toBe('unconfirmed');
    expect(
      joinState(createEvent({ start: START, status: 'cancelled' }), at('2027-02-10T06:50:00Z')).reason,
    ).toBe('inactive');
  });
});

describe('JoinPanel', () => {
  it('when the lesson is days away, then the join button is disabled and says when it opens on the viewer’s clock', () => {
    renderWithApp(
      <JoinPanel
        event={createEvent({ start: '2099-02-10T07:00:00.000Z', status: 'confirmed' })}
        room={null}
        viewerZone="Asia/Almaty"
      />,
    );
    const button = screen.getByTestId('join-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('join-note');
    expect(screen.getByTestId('join-note').textContent).toMatch(
      /^Вход откроется .* в 11:45 по вашему времени \(через .*\)\.$/,
    );
    expect(screen.getByTestId('room-status').textContent).toBe('Комната ещё не создана');
  });
});

describe('JoinPanel after a host ended the lesson', () => {
  it('when the lesson was ended early, then Join is disabled, says so, and no longer offers the device check', () => {
    const event = createEvent({
      start: new Date(Date.now() - 10 * 60_000).toISOString(),
      status: 'confirmed',
      endedAt: new Date().toISOString(),
    });
    renderWithApp(<JoinPanel event={event} room={null} viewerZone="Asia/Almaty" />, { locale: 'kk' });
    expect((screen.getByTestId('join-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('join-note').textContent).toBe('Сабақ мерзімінен бұрын аяқталды, кіру жабық.');
    expect(screen.queryByText('Камера мен микрофонды тексеру')).toBeNull();
  });
});

describe('JoinPanel while the join window is open', () => {
  afterEach(() => registerJoinBridge(null));

  it('when the video bridge is still getting ready, then Join waits (busy) and becomes clickable once it is ready; the click starts the join', async () => {
    let ready = () => {};
    const prepared: string[] = [];
    const started: string[] = [];
    registerJoinBridge({
      prepare: (eventId) => {
        prepared.push(eventId);
        return new Promise<void>((resolve) => {
          ready = resolve;
        });
      },
      start: (eventId) => started.push(eventId),
    });
    const event = createEvent({
      start: new Date(Date.now() + 5 * 60_000).toISOString(),
      status: 'confirmed',
    });
    renderWithApp(<JoinPanel event={event} room={null} viewerZone="Europe/Moscow" />);
    const button = screen.getByTestId('join-button') as HTMLButtonElement;
    await waitFor(() => expect(prepared).toEqual([event.id]));
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('join-note').textContent).toBe('Подготовка к подключению…');

    ready();
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByTestId('join-note').textContent).toBe('Вход открыт.');
    fireEvent.click(button);
    expect(started).toEqual([event.id]);
  });

  it('when getting ready takes too long, then Join becomes clickable anyway and the click waits instead', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      registerJoinBridge({ prepare: () => new Promise<void>(() => {}), start: () => {} });
      const event = createEvent({
        start: new Date(Date.now() + 5 * 60_000).toISOString(),
        status: 'confirmed',
      });
      renderWithApp(<JoinPanel event={event} room={null} viewerZone="Asia/Almaty" />);
      const button = screen.getByTestId('join-button') as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PREPARE_LIMIT_MS);
      });
      expect(button.disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the lesson page stays open, then the bridge is asked to renew what it prepared, and no longer once the page is left', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const prepared: string[] = [];
      registerJoinBridge({
        prepare: async (eventId) => {
          prepared.push(eventId);
        },
        start: () => {},
      });
      const event = createEvent({
        start: new Date(Date.now() + 5 * 60_000).toISOString(),
        status: 'confirmed',
      });
      const view = renderWithApp(<JoinPanel event={event} room={null} viewerZone="Europe/Moscow" />);
      await waitFor(() => expect(prepared).toHaveLength(1));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(2 * PREPARE_AGAIN_MS);
      });
      expect(prepared).toEqual([event.id, event.id, event.id]);
      view.unmount();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(2 * PREPARE_AGAIN_MS);
      });
      expect(prepared).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
