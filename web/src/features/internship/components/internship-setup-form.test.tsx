import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KARAGANDA_ID, MOSCOW_ID } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { InternshipSetupForm } from './internship-setup-form.tsx';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const E = '88888888-8888-4888-8888-888888888888';
const SEITOV = {
  id: 'b4444444-4444-4444-8444-444444444444',
  email: 'seitov@telemost.example',
  name: 'Ерлан Сейтов',
  role: 'teacher',
  institutionId: KARAGANDA_ID,
  locale: 'kk',
  timeZone: null,
};
const COLLEGES = [
  {
    id: KARAGANDA_ID,
    name: { ru: 'Строительный колледж', kk: 'Құрылыс колледжі', en: 'Construction College' },
  },
  { id: MOSCOW_ID, name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' } },
];

/** `/api/users` and `PUT /api/events/:id/internship`, with the api's rule of 0 < hours ≤ 12 per session. */
function fakeApi() {
  const puts: any[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url === `/api/users?institutionId=${KARAGANDA_ID}`) return json(200, { items: [SEITOV] });
      if (url === `/api/events/${E}/internship` && init.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push(body);
        const bad = body.days.flatMap((d: any, i: number) =>
          d.sessions.flatMap((s: any, j: number) =>
            s.hours > 0 && s.hours <= 12
              ? []
              : [{ field: `days.${i}.sessions.${j}.hours`, message: 'too big' }],
          ),
        );
        if (bad.length)
          return json(422, { status: 422, code: 'validation_failed', title: 'Invalid', errors: bad });
        return json(200, {
          eventId: E,
          hostInstitutionId: body.hostInstitutionId,
          mentors: [{ id: SEITOV.id, name: SEITOV.name, institutionId: KARAGANDA_ID }],
          interns: [],
          days: body.days.map((d: any, i: number) => ({
            id: `c000000${i}-0000-4000-8000-000000000000`,
            date: d.date,
            title: d.title,
            sessions: d.sessions,
            hours: d.sessions.reduce((n: number, s: any) => n + s.hours, 0),
            confirmedAt: null,
            confirmedBy: null,
            absentIds: [],
          })),
          plannedHours: 0,
          confirmedHours: 0,
          canConfirm: false,
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

describe('InternshipSetupForm', () => {
  it('when a session’s hours are refused by the api, then the error is at that session’s hours; fixed, the programme of two days is saved', async () => {
    const puts = fakeApi();
    const onSaved = vi.fn();
    renderWithApp(
      <InternshipSetupForm
        eventId={E}
        institutions={COLLEGES}
        firstDate="2027-03-01"
        current={null}
        onSaved={onSaved}
      />,
    );
    fireEvent.click(await screen.findByLabelText(/Ерлан Сейтов/));
    fireEvent.change(screen.getByLabelText('Тема дня'), { target: { value: 'Знакомство с мастерскими' } });
    fireEvent.change(screen.getByLabelText('Сессия 1'), { target: { value: 'Экскурсия' } });
    fireEvent.change(screen.getByLabelText('Часы'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Начало'), { target: { value: '09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить сессию' }));
    fireEvent.change(screen.getAllByLabelText('Сессия 2')[0]!, { target: { value: 'Практика на стенде' } });
    fireEvent.change(screen.getAllByLabelText('Часы')[1]!, { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить день' }));
    // Dates are typed dd.MM.yyyy whatever the browser's language (no native date field).
    expect((screen.getAllByLabelText('Дата')[0] as HTMLInputElement).value).toBe('01.03.2027');
    fireEvent.change(screen.getAllByLabelText('Дата')[1]!, { target: { value: '02.03.2027' } });
    fireEvent.change(screen.getAllByLabelText('Тема дня')[1]!, { target: { value: 'Сварка' } });
    fireEvent.change(screen.getAllByLabelText('Сессия 1')[1]!, { target: { value: 'Мастер-класс' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить программу' }));

    await screen.findByText('От 0,5 до 12 часов.');
    const hours = screen.getAllByLabelText('Часы');
    expect(hours[1]!.getAttribute('aria-invalid')).toBe('true');
    expect(hours[0]!.getAttribute('aria-invalid')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();

    fireEvent.change(hours[1]!, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить программу' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(puts.at(-1)).toEqual({
      hostInstitutionId: KARAGANDA_ID,
      mentorIds: [SEITOV.id],
      days: [
        {
          date: '2027-03-01',
          title: 'Знакомство с мастерскими',
          sessions: [
            { title: 'Экскурсия', hours: 2, start: '09:00' },
            { title: 'Практика на стенде', hours: 4 },
          ],
        },
        { date: '2027-03-02', title: 'Сварка', sessions: [{ title: 'Мастер-класс', hours: 2 }] },
      ],
    });
  });
});
