import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KARAGANDA_ID, MOSCOW_ID } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { OlympiadSetupForm } from './olympiad-setup-form.tsx';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const E = '99999999-9999-4999-8999-999999999999';
const person = (id: string, name: string, role: string, institutionId: string) => ({
  id,
  email: `${id.slice(0, 4)}@telemost.example`,
  name,
  role,
  institutionId,
  locale: 'ru',
  timeZone: null,
});
const SMIRNOVA = person('a1111111-1111-4111-8111-111111111111', 'Анна Смирнова', 'teacher', MOSCOW_ID);
const VOLKOVA = person('a2222222-2222-4222-8222-222222222222', 'Ирина Волкова', 'coordinator', MOSCOW_ID);
const STUDENT = person('a3333333-3333-4333-8333-333333333333', 'Артём Лебедев', 'student', MOSCOW_ID);
const SEITOV = person('a4444444-4444-4444-8444-444444444444', 'Ерлан Сейтов', 'teacher', KARAGANDA_ID);
const COLLEGES = [
  { id: MOSCOW_ID, name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' } },
  {
    id: KARAGANDA_ID,
    name: { ru: 'Строительный колледж', kk: 'Құрылыс колледжі', en: 'Construction College' },
  },
];
const problem = (field: string) =>
  json(422, {
    status: 422,
    code: 'validation_failed',
    title: 'Invalid',
    errors: [{ field, message: 'the api’s words' }],
  });

/**
 * A stand-in for `/api/users` and `PUT /api/events/:id/olympiad`, answering as the api does: 422
 * naming `jurorIds` for a one-college jury, `chiefExpertId` for a chief expert off the jury,
 * `medals.silver` for thresholds out of order.
 */
function fakeApi() {
  const puts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url === `/api/users?institutionId=${MOSCOW_ID}`)
        return json(200, { items: [SMIRNOVA, VOLKOVA, STUDENT] });
      if (url === `/api/users?institutionId=${KARAGANDA_ID}`) return json(200, { items: [SEITOV] });
      if (url === `/api/events/${E}/olympiad` && init.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push(body);
        const all = [SMIRNOVA, VOLKOVA, SEITOV];
        const colleges = new Set(
          body.jurorIds.map((id: string) => all.find((p) => p.id === id)?.institutionId),
        );
        if (colleges.size < 2) return problem('jurorIds');
        if (!body.jurorIds.includes(body.chiefExpertId)) return problem('chiefExpertId');
        if (!(body.medals.bronze <= body.medals.silver && body.medals.silver <= body.medals.gold))
          return problem('medals.silver');
        return json(200, {
          eventId: E,
          chiefExpertId: body.chiefExpertId,
          medals: body.medals,
          jurors: all
            .filter((p) => body.jurorIds.includes(p.id))
            .map((p) => ({
              id: p.id,
              name: p.name,
              institutionId: p.institutionId,
              kind: 'account',
              label: null,
            })),
          competitors: [],
          tasks: [],
          closedAt: null,
        });
      }
      return json(404, { status: 404, code: 'not_found', title: 'no' });
    }),
  );
  return puts;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('OlympiadSetupForm', () => {
  it('when the host picks a one-college jury, then the api’s 422 is shown at the jury; a chief expert off the jury, at the chief expert', async () => {
    const puts = fakeApi();
    const onSaved = vi.fn();
    renderWithApp(<OlympiadSetupForm eventId={E} institutions={COLLEGES} current={null} onSaved={onSaved} />);
    // Only teachers and coordinators are offered, under their college.
    await screen.findByLabelText(/Анна Смирнова/);
    expect(screen.queryByLabelText(/Артём Лебедев/)).toBeNull();
    fireEvent.click(screen.getByLabelText(/Анна Смирнова/));
    fireEvent.click(screen.getByLabelText(/Ирина Волкова/));
    fireEvent.change(screen.getByLabelText('Главный эксперт'), { target: { value: SMIRNOVA.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить настройку' }));
    const jury = screen.getByRole('group', { name: 'Жюри' });
    await within(jury).findByText(
      'Выберите членов жюри из обоих колледжей (хотя бы по одному), только преподавателей и координаторов.',
    );
    expect(jury.getAttribute('aria-describedby')).toBeTruthy();

    fireEvent.click(screen.getByLabelText(/Ерлан Сейтов/));
    fireEvent.click(screen.getByLabelText(/Анна Смирнова/));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить настройку' }));
    await screen.findByText('Главный эксперт должен быть одним из членов жюри.');
    expect(screen.getByLabelText('Главный эксперт').getAttribute('aria-invalid')).toBe('true');
    expect(within(jury).queryByText(/обоих колледжей/)).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
    expect(puts).toHaveLength(2);
  });

  it('when a Karaganda host (in Kazakh) sets a two-college jury, chief expert and medals, then it is saved as the api wants it', async () => {
    const puts = fakeApi();
    const onSaved = vi.fn();
    renderWithApp(
      <OlympiadSetupForm eventId={E} institutions={COLLEGES} current={null} onSaved={onSaved} />,
      {
        locale: 'kk',
      },
    );
    fireEvent.click(await screen.findByLabelText(/Анна Смирнова/));
    fireEvent.click(screen.getByLabelText(/Ерлан Сейтов/));
    fireEvent.change(screen.getByLabelText('Бас сарапшы'), { target: { value: SEITOV.id } });
    fireEvent.change(screen.getByLabelText('Күміс'), { target: { value: '95' } });
    fireEvent.click(screen.getByRole('button', { name: 'Баптауды сақтау' }));
    await screen.findByText('Қажет: қола ≤ күміс ≤ алтын, 1-ден 100 %-ға дейін.');
    expect(screen.getByLabelText('Күміс').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Күміс'), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Баптауды сақтау' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(puts.at(-1)).toEqual({
      jurorIds: [SMIRNOVA.id, SEITOV.id],
      chiefExpertId: SEITOV.id,
      medals: { gold: 0.9, silver: 0.8, bronze: 0.6 },
    });
    expect(onSaved.mock.calls[0]![0].jurors).toHaveLength(2);
  });
});
