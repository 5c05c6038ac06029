import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import type { TUser } from '@telemost/core/schemas/user';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { createDirectory, createEvent, createUser, KARAGANDA_ID } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import type { TBookingResult } from '../api/booking-api.ts';
import { BookingForm } from './booking-form.tsx';

const NOW = () => new Date('2027-02-01T09:00:00Z');
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

function setup(
  submit: (body: TCreateEventRequest) => Promise<TBookingResult>,
  teachers: TUser[] = [createUser()],
) {
  const booked: TBookingResult[] = [];
  renderWithApp(
    <BookingForm
      user={createUser()}
      directory={createDirectory()}
      teachers={teachers}
      viewerZone="Europe/Moscow"
      submit={submit}
      findSlots={async () => []}
      onBooked={(r) => booked.push(r)}
      now={NOW}
    />,
  );
  return { booked };
}

/** Picks a start on one clock with the picker: the date typed as dd.MM.yyyy, the hour and minute chosen. */
function setTime(city: string, date: string, hour: string, minute: string) {
  fireEvent.change(screen.getByLabelText(`Дата (${city})`), { target: { value: date } });
  fireEvent.change(screen.getByLabelText(`Часы (${city})`), { target: { value: hour } });
  fireEvent.change(screen.getByLabelText(`Минуты (${city})`), { target: { value: minute } });
}

/** What one clock's fields show: `10.02.2027 12:00`. */
function shownOn(city: string): string {
  const value = (label: string) => (screen.getByLabelText(`${label} (${city})`) as HTMLInputElement).value;
  return `${value('Дата')} ${value('Часы')}:${value('Минуты')}`;
}

function fillValidForm() {
  fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
  fireEvent.click(screen.getByLabelText(/АД-21/));
  fireEvent.click(screen.getByLabelText(/СТР-11/));
  fireEvent.change(screen.getByLabelText('Название'), { target: { value: 'BIM-моделирование' } });
  setTime('Москва', '10.02.2027', '10', '00');
}

describe('BookingForm', () => {
  it('when a time is typed on the Moscow clock, then the Karaganda clock shows the same instant live', () => {
    setup(async () => {
      throw new Error('not submitted');
    });
    fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
    setTime('Москва', '10.02.2027', '10', '00');
    expect(shownOn('Караганда')).toBe('10.02.2027 12:00');
    expect(screen.getByTestId('both-times-preview').textContent).toContain('10:00 Москва · 12:00 Караганда');

    setTime('Караганда', '10.02.2027', '15', '00');
    expect(shownOn('Москва')).toBe('10.02.2027 13:00');
  });

  it('when the picker is shown, then hours run 00–23 with no AM/PM and no native datetime field', () => {
    setup(async () => {
      throw new Error('not submitted');
    });
    const hours = [...(screen.getByLabelText('Часы (Москва)') as HTMLSelectElement).options]
      .map((o) => o.value)
      .filter(Boolean);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toBe('00');
    expect(hours[23]).toBe('23');
    expect(document.querySelector('input[type="datetime-local"]')).toBeNull();
    expect(document.body.textContent).not.toMatch(/\b(AM|PM)\b/);
  });

  it('when a day is picked on the month calendar and a Karaganda lesson period chosen, then both clocks and the duration follow', () => {
    setup(async () => {
      throw new Error('not submitted');
    });
    fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
    setTime('Москва', '01.02.2027', '10', '00');
    fireEvent.click(document.querySelector('.month-day[data-date="2027-02-10"]')!);
    expect(shownOn('Москва')).toBe('10.02.2027 10:00');
    const period = screen.getByRole('button', { name: '2 пара 09:40–11:10' });
    fireEvent.click(period);
    expect(shownOn('Караганда')).toBe('10.02.2027 09:40');
    expect(shownOn('Москва')).toBe('10.02.2027 07:40');
    expect(period.getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByLabelText('Продолжительность') as HTMLSelectElement).value).toBe('90');
  });

  it('when the month holds a Kazakh holiday, then the calendar marks that day for Kazakhstan and names it', () => {
    setup(async () => {
      throw new Error('not submitted');
    });
    fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
    setTime('Москва', '15.03.2027', '10', '00');
    const day = document.querySelector('.month-day[data-date="2027-03-23"]')!;
    expect(day.getAttribute('data-off')).toBe('KZ');
    expect(day.textContent).toMatch(/Казахстан: Наурыз/);
  });

  it('when the lesson would end after Moscow working hours, then the form says so live, naming the end, before submit', () => {
    const sent: TCreateEventRequest[] = [];
    setup(async (body) => {
      sent.push(body);
      throw new Error('unexpected');
    });
    fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
    setTime('Москва', '10.02.2027', '17', '00');
    const live = plain(screen.getByTestId('live-problems').textContent);
    expect(live).toContain('окончание в 18:30 — позже конца рабочего дня колледжа (17:30)');
    expect(live).toContain('Москва');
    expect(sent).toHaveLength(0);
    setTime('Москва', '10.02.2027', '10', '00');
    expect(plain(screen.getByTestId('live-problems').textContent)).toContain('Время подходит обеим сторонам');
  });

  it('when the form is sent empty, then each field says what is missing and nothing is submitted', () => {
    const sent: TCreateEventRequest[] = [];
    setup(async (body) => {
      sent.push(body);
      throw new Error('unexpected');
    });
    fireEvent.click(screen.getByTestId('booking-submit'));
    expect(sent).toHaveLength(0);
    expect(screen.getByText('Отметьте хотя бы один колледж-партнёр.')).toBeTruthy();
    expect(screen.getByText('Введите название.')).toBeTruthy();
    expect(screen.getByText('Укажите дату и время начала.')).toBeTruthy();
    expect(screen.getByLabelText('Название').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('booking-problem').textContent).toContain('Исправьте поля с ошибками');
  });

  it('when the form is valid, then it sends the wall time typed and the zone it was typed in', async () => {
    const sent: TCreateEventRequest[] = [];
    const result: TBookingResult = { items: [createEvent()], skipped: [], seriesId: null };
    const { booked } = setup(async (body) => {
      sent.push(body);
      return result;
    });
    fillValidForm();
    fireEvent.click(screen.getByTestId('booking-submit'));
    await waitFor(() => expect(booked).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      kind: 'joint_lesson',
      title: 'BIM-моделирование',
      localStart: '2027-02-10T10:00',
      timeZone: 'Europe/Moscow',
      durationMinutes: 90,
      institutionIds: [KARAGANDA_ID],
      teacherIds: [createUser().id],
    });
    expect(sent[0]!.groupIds).toHaveLength(2);
  });

  it('when a partner college is chosen, then its teachers can be invited too; unchoosing it drops them', async () => {
    const partnerTeacher = createUser({
      id: '55555555-5555-4555-8555-555555555555',
      email: 'teacher1.krg-construction@telemost.example',
      name: 'Айгерим Сейтова',
      institutionId: KARAGANDA_ID,
    });
    const sent: TCreateEventRequest[] = [];
    setup(
      async (body) => {
        sent.push(body);
        return { items: [createEvent()], skipped: [], seriesId: null };
      },
      [createUser(), partnerTeacher],
    );
    expect(screen.queryByLabelText('Айгерим Сейтова')).toBeNull();
    fillValidForm();
    fireEvent.click(screen.getByLabelText('Айгерим Сейтова'));
    fireEvent.click(screen.getByTestId('booking-submit'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.teacherIds).toEqual([createUser().id, partnerTeacher.id]);

    fireEvent.click(screen.getByLabelText(/Карагандинский строительный колледж/));
    expect(screen.queryByLabelText('Айгерим Сейтова')).toBeNull();
  });

  it('when the api refuses with a conflict, then the message names the other event and links to it', async () => {
    setup(async () => {
      throw new ApiError({
        status: 409,
        code: 'booking_conflict',
        conflicts: [
          {
            eventId: 'other-event',
            title: 'Олимпиада WorldSkills',
            start: '2027-02-10T07:00:00.000Z',
            end: '2027-02-10T08:30:00.000Z',
            resourceType: 'group',
            resourceId: createDirectory().groups[1]!.id,
          },
        ],
      });
    });
    fillValidForm();
    fireEvent.click(screen.getByTestId('booking-submit'));
    const box = await screen.findByTestId('booking-problem');
    expect(plain(box.textContent)).toContain('Занято: Группа СТР-11 — «Олимпиада WorldSkills»');
    expect(within(box).getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(
      '/events/other-event',
    );
    expect(screen.getByText('Время пересекается с другим мероприятием.')).toBeTruthy();
  });

  it('when the api refuses a Kazakh holiday, then the message names Kazakhstan and the holiday', async () => {
    setup(async () => {
      throw new ApiError({
        status: 422,
        code: 'calendar_violation',
        violations: [
          {
            institutionId: KARAGANDA_ID,
            country: 'KZ',
            date: '2027-03-22',
            reason: 'holiday',
            holidayName: { ru: 'Наурыз мейрамы', kk: 'Наурыз мейрамы', en: 'Nauryz' },
          },
        ],
      });
    });
    fillValidForm();
    fireEvent.click(screen.getByTestId('booking-submit'));
    const box = await screen.findByTestId('booking-problem');
    expect(plain(box.textContent)).toContain(
      '(Казахстан): понедельник, 22 марта 2027 г. — праздник «Наурыз мейрамы»',
    );
  });

  it('when the api rejects a field, then its message appears next to that field', async () => {
    setup(async () => {
      throw new ApiError({
        status: 422,
        code: 'validation_failed',
        errors: [{ field: 'groupIds.0', message: 'is not a member of this partnership' }],
      });
    });
    fillValidForm();
    fireEvent.click(screen.getByTestId('booking-submit'));
    expect(await screen.findByText('Эти группы нельзя пригласить по этому соглашению.')).toBeTruthy();
  });
});
