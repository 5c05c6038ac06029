import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render.tsx';
import { ClassroomPanel } from './classroom-panel.tsx';

const EVENT = '11111111-1111-4111-8111-111111111111';
const MSK = '22222222-2222-4222-8222-222222222222';
const KRG = '33333333-3333-4333-8333-333333333333';
const A = '44444444-4444-4444-8444-444444444444';
const B = '55555555-5555-4555-8555-555555555555';

const none = { eventId: EVENT, active: false, startedAt: null, endsAt: null, rooms: [], myRoomId: null };
const running = {
  eventId: EVENT,
  active: true,
  startedAt: '2027-02-10T07:05:00.000Z',
  endsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  rooms: [
    {
      id: 1,
      name: 'Team 1',
      livekitRoom: `${EVENT}~1`,
      members: [
        { userId: A, name: 'Никита Белов', institutionId: MSK },
        { userId: B, name: 'Айгерим Сапарова', institutionId: KRG },
      ],
      present: [{ identity: A, name: 'Никита Белов', institutionId: MSK, handRaised: true }],
    },
    { id: 2, name: 'Team 2', livekitRoom: `${EVENT}~2`, members: [], present: [] },
  ],
  myRoomId: null,
};
const poll = (myAnswer: number | null, counts: number[]) => ({
  id: '66666666-6666-4666-8666-666666666666',
  eventId: EVENT,
  question: 'Какой узел первым?',
  options: ['Стропильный', 'Конёк'],
  anonymous: false,
  createdAt: '2027-02-10T07:10:00.000Z',
  closedAt: null,
  total: { counts, answered: counts.reduce((a, b) => a + b, 0) },
  byInstitution: [
    {
      institutionId: MSK,
      code: 'msk-26',
      city: { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' },
      counts: [counts[0]!, 0],
      answered: counts[0]!,
    },
    {
      institutionId: KRG,
      code: 'krg-construction',
      city: { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' },
      counts: [0, counts[1]!],
      answered: counts[1]!,
    },
  ],
  myAnswer,
});

type TCall = { method: string; url: string; body: unknown };

/** The api as the panel sees it: answers by method and path; every call is kept. */
function fakeApi(routes: Record<string, (body: unknown) => unknown | Promise<unknown>>) {
  const calls: TCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
      calls.push({ method, url, body });
      const route = routes[`${method} ${url}`];
      if (!route) return new Response('{"code":"not_found","status":404}', { status: 404 });
      const out = await route(body);
      return new Response(out === undefined ? null : JSON.stringify(out), {
        status: out === undefined ? 204 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ClassroomPanel', () => {
  it('when a host splits the lesson into mixed teams, then the teams, who is in and raised hands, the timer and "Visit" appear', async () => {
    let state: typeof none | typeof running = none;
    const calls = fakeApi({
      [`GET /api/events/${EVENT}/breakouts`]: () => state,
      [`POST /api/events/${EVENT}/breakouts`]: () => {
        state = running;
        return running;
      },
    });
    const onGoTo = vi.fn();
    renderWithApp(
      <ClassroomPanel eventId={EVENT} isHost currentTeam={null} onGoTo={onGoTo} onClose={() => {}} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Разбить на команды' }));
    await waitFor(() => expect(screen.getByTestId('team-1')).toBeTruthy());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      count: 2,
      mix: 'colleges',
      durationMinutes: 15,
    });
    const team = screen.getByTestId('team-1');
    expect(team.textContent).toContain('Команда 1');
    expect(team.textContent).toContain('Никита Белов');
    expect(team.textContent).toContain('Айгерим Сапарова');
    // A host moves each member with a select named after them.
    expect(screen.getByRole('combobox', { name: 'Перевести Никита Белов в команду' })).toBeTruthy();
    expect(team.textContent).toContain('на связи: 1');
    expect(team.textContent).toContain('подняты руки');
    expect(screen.getByTestId('breakout-timer').textContent).toMatch(/Осталось: (9|10):\d\d/);
    fireEvent.click(within(team).getByRole('button', { name: 'Зайти' }));
    expect(onGoTo).toHaveBeenCalledWith(1);
    expect(screen.getByTestId('end-breakouts')).toBeTruthy();
  });

  it('when an older read of the teams comes back after a newer one, then the newer one is what shows', async () => {
    let state: typeof none | typeof running = running;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    fakeApi({
      // The read after the move is slow: it answers "running" only after the teams were ended
      // and the read after that had answered "none".
      [`GET /api/events/${EVENT}/breakouts`]: async () => {
        const seen = state;
        if (++reads === 2) await held;
        return seen;
      },
      [`PATCH /api/events/${EVENT}/breakouts/2`]: () => running,
      [`DELETE /api/events/${EVENT}/breakouts`]: () => {
        state = none;
        return undefined;
      },
    });
    renderWithApp(
      <ClassroomPanel eventId={EVENT} isHost currentTeam={null} onGoTo={() => {}} onClose={() => {}} />,
    );
    // Until the first answer the panel says it is loading, rather than offering a start it may not have.
    expect(screen.getByRole('status').textContent).toBe('Загрузка…');
    fireEvent.change(await screen.findByTestId(`move-${A}`), { target: { value: '2' } });
    await waitFor(() => expect(reads).toBe(2));
    fireEvent.click(screen.getByTestId('end-breakouts'));
    await screen.findByRole('button', { name: 'Разбить на команды' });
    release();
    await held;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('breakout-timer')).toBeNull();
    expect(screen.getByRole('button', { name: 'Разбить на команды' })).toBeTruthy();
  });

  it('when a student answers a poll, then their choice is marked and the counts per college show', async () => {
    let answered = false;
    const calls = fakeApi({
      [`GET /api/events/${EVENT}/breakouts`]: () => none,
      [`GET /api/events/${EVENT}/polls`]: () => ({
        items: [answered ? poll(1, [1, 2]) : poll(null, [1, 1])],
      }),
      [`POST /api/events/${EVENT}/polls/66666666-6666-4666-8666-666666666666/answers`]: () => {
        answered = true;
        return poll(1, [1, 2]);
      },
    });
    renderWithApp(
      <ClassroomPanel
        eventId={EVENT}
        isHost={false}
        currentTeam={null}
        onGoTo={() => {}}
        onClose={() => {}}
      />,
      { locale: 'en' },
    );
    expect(await screen.findByText('Everyone is in the main room.')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Polls' }));
    expect(screen.queryByTestId('ask-poll')).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Конёк' }));
    await waitFor(() => expect(screen.getByText(/Конёк ✓/)).toBeTruthy());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ option: 1 });
    const counts = screen.getAllByTestId('poll-count').map((e) => e.textContent);
    expect(counts).toEqual(['1 (Moscow: 1, Karaganda: 0)', '2 (Moscow: 0, Karaganda: 2)']);
    expect(screen.getByText('Answered: 3')).toBeTruthy();
  });

  it('when the lesson has materials, then each is a download link under its own name, and a host can add a file', async () => {
    fakeApi({
      [`GET /api/events/${EVENT}/breakouts`]: () => none,
      [`GET /api/events/${EVENT}/materials`]: () => ({
        items: [
          {
            id: '77777777-7777-4777-8777-777777777777',
            eventId: EVENT,
            name: 'Схема узла.pdf',
            contentType: 'application/pdf',
            size: 204_800,
            uploadedBy: null,
            uploadedAt: '2027-02-10T07:00:00.000Z',
          },
        ],
      }),
    });
    renderWithApp(
      <ClassroomPanel eventId={EVENT} isHost currentTeam={null} onGoTo={() => {}} onClose={() => {}} />,
      { locale: 'kk' },
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Материалдар' }));
    const link = (await screen.findByRole('link', { name: 'Схема узла.pdf' })) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(
      `/api/events/${EVENT}/materials/77777777-7777-4777-8777-777777777777`,
    );
    expect(link.getAttribute('download')).toBe('Схема узла.pdf');
    expect(screen.getByTestId('material-file')).toBeTruthy();
  });
});
