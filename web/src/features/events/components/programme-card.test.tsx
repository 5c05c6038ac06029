import type { TProgrammeSession } from '@telemost/core/schemas/programme';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { ProgrammeCard } from './programme-card.tsx';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const conference = createEvent({ kind: 'conference', status: 'confirmed' });
const E = conference.id;
const sides = conference.institutions.map((i) => ({
  id: i.id,
  code: i.code,
  name: i.name,
  timeZone: i.timeZone,
  city: i.city,
}));

/**
 * A stand-in for the api's programme routes, holding the sessions a test adds; `overlap` makes the
 * next POST answer 409 as the api does when another session takes the same room.
 */
const INVITED_SPEAKER = 'efefefef-efef-4fef-8fef-efefefefefef';

function fakeApi(state: { host: boolean; overlap: boolean; sessions: TProgrammeSession[] }) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      if (url === `/api/events/${E}/speakers`) {
        return state.host ? json(200, []) : json(403, { status: 403, code: 'forbidden', title: 'no' });
      }
      if (url === `/api/events/${E}/invitations`) {
        if (!state.host) return json(403, { status: 403, code: 'forbidden', title: 'no' });
        const link = (id: string, role: string, label: string | null, revokedAt: string | null) => ({
          id,
          eventId: E,
          role,
          label,
          expiresAt: '2099-01-01T00:00:00.000Z',
          maxUses: null,
          uses: 0,
          lobby: false,
          createdAt: '2027-02-01T07:00:00.000Z',
          createdBy: conference.organizer.id,
          revokedAt,
          institutionId: null,
          state: revokedAt ? 'revoked' : 'active',
        });
        return json(200, [
          link(INVITED_SPEAKER, 'speaker', 'ТОО «КазСтрой»: главный инженер', null),
          link('abababab-abab-4bab-8bab-abababababab', 'speaker', 'Отозванная', '2027-02-02T07:00:00.000Z'),
          link('cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd', 'guest', 'Родители', null),
        ]);
      }
      if (url === `/api/events/${E}/programme`) {
        return json(200, {
          event: {
            id: E,
            kind: 'conference',
            title: conference.title,
            description: null,
            status: 'confirmed',
            start: conference.start,
            end: conference.end,
            localTimes: [],
            institutions: sides,
          },
          sessions: state.sessions,
        });
      }
      if (url === `/api/events/${E}/programme/sessions` && method === 'POST') {
        const body = JSON.parse(String(init.body));
        posted.push(body);
        if (state.overlap) {
          return json(409, {
            status: 409,
            code: 'conflict',
            title: 'Another session takes the same room at this time',
            errors: [{ field: 'start', message: 'overlaps “Открытие”', code: 'session_overlap' }],
          });
        }
        const session: TProgrammeSession = {
          id: '99999999-9999-4999-8999-999999999999',
          eventId: E,
          title: body.title,
          description: null,
          start: new Date(body.start).toISOString(),
          end: new Date(body.end).toISOString(),
          localTimes: [],
          room: body.room,
          livekitRoom: E,
          speakers: body.speakers.map((s: { userId?: string; name?: string; invitationId?: string }) => ({
            kind: s.userId ? 'user' : s.invitationId ? 'invitation' : 'name',
            name: s.userId
              ? conference.organizer.name
              : s.invitationId
                ? 'ТОО «КазСтрой»: главный инженер'
                : s.name,
            userId: s.userId ?? null,
            invitationId: s.invitationId ?? null,
            institution: null,
          })),
        };
        state.sessions.push(session);
        return json(201, session);
      }
      const one = /^\/api\/events\/[^/]+\/programme\/sessions\/([^/]+)$/.exec(url);
      const found = one ? state.sessions.find((x) => x.id === one[1]) : undefined;
      if (found && method === 'PATCH') {
        const body = JSON.parse(String(init.body));
        posted.push({ patch: body });
        Object.assign(found, { title: body.title, start: body.start, end: body.end, room: body.room });
        return json(200, found);
      }
      if (found && method === 'DELETE') {
        state.sessions = state.sessions.filter((x) => x !== found);
        return json(200, { id: found.id, deleted: true });
      }
      return json(404, { status: 404, code: 'not_found' });
    }),
  );
  return posted;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Fills the session form: title, times on the viewer's (Moscow) clock, and one speaker. */
function fillSession(title: string, start: string, end: string) {
  fireEvent.change(screen.getByLabelText('Название'), { target: { value: title } });
  fireEvent.change(screen.getByLabelText('Начало (время: Москва)'), { target: { value: start } });
  fireEvent.change(screen.getByLabelText('Окончание (время: Москва)'), { target: { value: end } });
}

describe('ProgrammeCard', () => {
  it('when a host adds a session, then the list shows it with its speakers on the Moscow and Karaganda clocks', async () => {
    const state = { host: true, overlap: false, sessions: [] as TProgrammeSession[] };
    const posted = fakeApi(state);
    renderWithApp(<ProgrammeCard event={conference} viewerZone="Europe/Moscow" />);
    expect((await screen.findByTestId('programme-card-empty')).textContent).toBe(
      'В программе пока нет выступлений. Добавьте первое.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Добавить выступление' }));
    fillSession('Открытие', '10:00', '10:30');
    expect(screen.getByTestId('session-preview').textContent).toMatch(/10:00–10:30.*12:00–12:30/);
    // The organiser from the select, and a guest by name.
    fireEvent.click(screen.getByRole('button', { name: 'Добавить выступающего' }));
    fireEvent.change(screen.getByLabelText('Выступающий'), { target: { value: '__other__' } });
    fireEvent.change(screen.getByLabelText('Имя выступающего'), { target: { value: 'Гость Иванов' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить выступающего' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

    const item = await screen.findByTestId('programme-card-session');
    expect(within(item).getByRole('heading').textContent).toBe('Открытие');
    expect(within(item).getByTestId('programme-card-times').textContent).toMatch(
      /10:00–10:30 Москва.*12:00–12:30 Караганда/,
    );
    expect(item.textContent).toContain('Анна Смирнова, Гость Иванов');
    expect(posted).toEqual([
      {
        title: 'Открытие',
        start: expect.stringMatching(/^2027-02-10T07:00/),
        end: expect.stringMatching(/^2027-02-10T07:30/),
        speakers: [{ userId: conference.organizer.id }, { name: 'Гость Иванов' }],
        room: 'main',
      },
    ]);
    expect(screen.queryByTestId('programme-form')).toBeNull();
  });

  it('when a host picks a speaker invited by link, then the session names them by the link’s label; revoked links and guest links are not offered', async () => {
    const state = { host: true, overlap: false, sessions: [] as TProgrammeSession[] };
    const posted = fakeApi(state);
    renderWithApp(<ProgrammeCard event={conference} viewerZone="Europe/Moscow" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Добавить выступление' }));
    fillSession('Слово работодателю', '11:00', '11:20');
    const group = await screen.findByRole('group', { name: 'Приглашённые по ссылке' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['ТОО «КазСтрой»: главный инженер']);
    fireEvent.change(screen.getByLabelText('Выступающий'), {
      target: { value: `invitation:${INVITED_SPEAKER}` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить выступающего' }));
    expect(screen.getByTestId('session-speakers').textContent).toContain('ТОО «КазСтрой»: главный инженер');
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    const item = await screen.findByTestId('programme-card-session');
    expect(item.textContent).toContain('ТОО «КазСтрой»: главный инженер');
    expect(posted).toEqual([expect.objectContaining({ speakers: [{ invitationId: INVITED_SPEAKER }] })]);
  });

  it('when the api answers 409 (another session in the same room), then the message is shown on the start field', async () => {
    fakeApi({ host: true, overlap: true, sessions: [] });
    renderWithApp(<ProgrammeCard event={conference} viewerZone="Europe/Moscow" />, { locale: 'kk' });
    fireEvent.click(await screen.findByRole('button', { name: 'Баяндама қосу' }));
    fireEvent.change(screen.getByLabelText('Атауы'), { target: { value: 'Секция' } });
    fireEvent.change(screen.getByLabelText('Басталуы (уақыт: Мәскеу)'), { target: { value: '10:15' } });
    fireEvent.change(screen.getByLabelText('Аяқталуы (уақыт: Мәскеу)'), { target: { value: '10:45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сақтау' }));
    const start = screen.getByLabelText('Басталуы (уақыт: Мәскеу)');
    await waitFor(() => expect(start.getAttribute('aria-invalid')).toBe('true'));
    const errorId = start.getAttribute('aria-describedby')!;
    expect(document.getElementById(errorId)?.textContent).toBe('Бұл уақытта сол залда басқа баяндама өтеді.');
    expect(screen.getByTestId('programme-form')).toBeTruthy();
  });

  it('when a host changes a session, then the list shows the new time; deleting asks first and then removes it', async () => {
    const state = {
      host: true,
      overlap: false,
      sessions: [
        {
          id: '99999999-9999-4999-8999-999999999999',
          eventId: E,
          title: 'Открытие',
          description: null,
          start: '2027-02-10T07:00:00.000Z',
          end: '2027-02-10T07:30:00.000Z',
          localTimes: [],
          room: 'main',
          livekitRoom: E,
          speakers: [],
        } as TProgrammeSession,
      ],
    };
    const posted = fakeApi(state);
    renderWithApp(<ProgrammeCard event={conference} viewerZone="Europe/Moscow" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Изменить: Открытие' }));
    expect((screen.getByLabelText('Начало (время: Москва)') as HTMLInputElement).value).toBe('10:00');
    fireEvent.change(screen.getByLabelText('Окончание (время: Москва)'), { target: { value: '10:45' } });
    fireEvent.click(screen.getByLabelText('Отдельная комната'));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(screen.getByTestId('programme-card-times').textContent).toMatch(/10:00–10:45 Москва/),
    );
    expect(posted).toEqual([
      {
        patch: {
          title: 'Открытие',
          start: expect.stringMatching(/^2027-02-10T07:00/),
          end: expect.stringMatching(/^2027-02-10T07:45/),
          speakers: [],
          room: 'own',
        },
      },
    ]);
    expect(screen.getByTestId('programme-card-session').textContent).toContain('Отдельная комната');

    fireEvent.click(screen.getByRole('button', { name: 'Удалить: Открытие' }));
    expect(screen.getByText('Удалить выступление «Открытие» из программы?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Нет' }));
    expect(state.sessions).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Удалить: Открытие' }));
    fireEvent.click(screen.getByRole('button', { name: 'Да, удалить' }));
    expect(await screen.findByTestId('programme-card-empty')).toBeTruthy();
    expect(state.sessions).toHaveLength(0);
  });

  it('when the viewer is not a host, then the list is read-only with the link to the public page', async () => {
    const session: TProgrammeSession = {
      id: '99999999-9999-4999-8999-999999999999',
      eventId: E,
      title: 'Пленарное заседание',
      description: null,
      start: '2027-02-10T07:00:00.000Z',
      end: '2027-02-10T08:00:00.000Z',
      localTimes: [],
      room: 'own',
      livekitRoom: `${E}-s`,
      speakers: [],
    };
    fakeApi({ host: false, overlap: false, sessions: [session] });
    renderWithApp(<ProgrammeCard event={conference} viewerZone="Asia/Almaty" />, { locale: 'en' });
    expect((await screen.findByTestId('programme-card-times')).textContent).toMatch(
      /12:00–13:00 Karaganda.*10:00–11:00 Moscow/,
    );
    expect(screen.getByRole('link', { name: 'Open the public page' }).getAttribute('href')).toBe(
      `/programme/${E}`,
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: /Edit|Delete|Add session/ })).toBeNull());
  });
});
