import type { TInvitationInfo } from '@telemost/core/schemas/invitation';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render.tsx';
import { InviteCard, refusalKey } from './invite-card.tsx';

const INFO: TInvitationInfo = {
  role: 'guest',
  lobby: true,
  expiresAt: '2027-02-10T08:30:00.000Z',
  event: {
    title: 'Открытый урок',
    kind: 'joint_lesson',
    start: '2027-02-10T07:00:00.000Z',
    end: '2027-02-10T08:30:00.000Z',
    institutions: [
      {
        name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' },
        city: { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' },
        timeZone: 'Europe/Moscow',
      },
      {
        name: { ru: 'Строительный колледж', kk: 'Құрылыс колледжі', en: 'Construction College' },
        city: { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' },
        timeZone: 'Asia/Almaty',
      },
    ],
  },
};

describe('InviteCard', () => {
  it('when a guest in Karaganda opens the link, then the event is shown on both clocks, theirs first', () => {
    renderWithApp(
      <InviteCard info={INFO} stage={{ kind: 'form' }} viewerZone="Asia/Almaty" onJoin={() => {}} />,
    );
    expect(screen.getByTestId('invite-title').textContent).toBe('Открытый урок');
    expect(screen.getByTestId('invite-clocks').textContent).toBe(
      '12:00–13:30 Караганда · 10:00–11:30 Москва',
    );
    expect(screen.getByText('Перед входом организатор впустит вас из зала ожидания.')).toBeTruthy();
  });

  it('when the name is empty, then it asks for one; when given, then it joins with it trimmed', () => {
    const onJoin = vi.fn();
    renderWithApp(
      <InviteCard info={INFO} stage={{ kind: 'form' }} viewerZone="Asia/Almaty" onJoin={onJoin} />,
      {
        locale: 'kk',
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Кіру' }));
    expect(screen.getByText('Атыңызды жазыңыз.')).toBeTruthy();
    expect(onJoin).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Атыңыз'), { target: { value: '  Айгерім  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Кіру' }));
    expect(onJoin).toHaveBeenCalledWith('Айгерім');
  });

  it('when waiting in the lobby, then it says so instead of the form', () => {
    renderWithApp(
      <InviteCard info={INFO} stage={{ kind: 'waiting' }} viewerZone="Europe/Moscow" onJoin={() => {}} />,
      {
        locale: 'en',
      },
    );
    expect(screen.getByTestId('invite-waiting').textContent).toBe(
      'You are in the waiting room. A host will let you in shortly.',
    );
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
  });

  it('when the link was revoked, then the reason is shown and there is nothing to submit', () => {
    renderWithApp(
      <InviteCard
        info={INFO}
        stage={{ kind: 'refused', messageKey: refusalKey('invitation_revoked') }}
        viewerZone="Europe/Moscow"
        onJoin={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Это приглашение отозвано организаторами.');
    expect(screen.queryByRole('button')).toBeNull();
    expect(refusalKey('invitation_used_up')).toBe('invite.usedUp');
    expect(refusalKey('invitation_expired')).toBe('invite.expired');
  });
});
