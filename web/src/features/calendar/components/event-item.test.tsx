import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createEvent } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { EventItem } from './event-item.tsx';

describe('EventItem', () => {
  it('when a 2027 lesson is shown to a Moscow viewer, then it reads "10:00 Москва · 12:00 Караганда" with its status in words', () => {
    renderWithApp(
      <EventItem event={createEvent({ start: '2027-02-10T07:00:00.000Z' })} viewerZone="Europe/Moscow" />,
    );
    expect(screen.getByTestId('event-times').textContent).toBe('10:00 Москва · 12:00 Караганда');
    expect(screen.getByText('Ожидает подтверждения')).toBeTruthy();
    expect(screen.getByRole('link').getAttribute('href')).toBe(
      '/events/77777777-7777-4777-8777-777777777777',
    );
  });

  it('when the lesson is on 2024-01-15, then Karaganda reads 13:00 (UTC+6 then)', () => {
    renderWithApp(
      <EventItem event={createEvent({ start: '2024-01-15T07:00:00.000Z' })} viewerZone="Europe/Moscow" />,
    );
    expect(screen.getByTestId('event-times').textContent).toBe('10:00 Москва · 13:00 Караганда');
  });

  it('when the viewer is in Karaganda and reads Kazakh, then their own clock comes first, named in Kazakh', () => {
    renderWithApp(<EventItem event={createEvent({ status: 'confirmed' })} viewerZone="Asia/Almaty" />, {
      locale: 'kk',
    });
    expect(screen.getByTestId('event-times').textContent).toBe('12:00 Қарағанды · 10:00 Мәскеу');
    expect(screen.getByText('Расталды')).toBeTruthy();
  });
});
