import { describe, expect, it } from 'vitest';
import type { TEventSnapshot, TRecipient } from '../src/events/events.repository.ts';
import { renderNotice, renderReminder } from '../src/messages/render-message.ts';

const event = (status: string): TEventSnapshot => ({
  id: '77777777-7777-4777-8777-777777777777',
  kind: 'joint_lesson',
  title: 'BIM-моделирование',
  description: null,
  status,
  startAt: new Date('2027-02-10T07:00:00Z'),
  endAt: new Date('2027-02-10T08:30:00Z'),
  version: 2,
  reminderOffsets: [1440, 15],
  organizerId: '44444444-4444-4444-8444-444444444444',
  organizerInstitutionId: 'msk',
  sides: [
    {
      institutionId: 'msk',
      code: 'msk-26',
      name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' },
      city: { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' },
      timeZone: 'Europe/Moscow',
      decision: 'confirmed',
    },
    {
      institutionId: 'krg',
      code: 'krg-construction',
      name: { ru: 'Строительный колледж', kk: 'Құрылыс колледжі', en: 'College of Construction' },
      city: { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' },
      timeZone: 'Asia/Almaty',
      decision: status === 'confirmed' ? 'confirmed' : 'pending',
    },
  ],
});

const reader = (locale: 'ru' | 'kk' | 'en'): TRecipient => ({
  userId: '55555555-5555-4555-8555-555555555555',
  email: 'student1.krg-construction@telemost.example',
  name: 'Айгерим',
  locale,
  timeZone: 'Asia/Almaty',
  institutionId: 'krg',
  role: 'student',
});

describe('reschedule notices', () => {
  it.each([
    ['ru', 'новое время подтверждено', 'Новое время должны подтвердить'],
    ['kk', 'жаңа уақыт расталды', 'Жаңа уақытты колледждер растауы керек'],
    ['en', 'the new time is confirmed', 'The colleges confirm the new time'],
  ] as const)(
    'in %s: a move the colleges pre-approved says it is confirmed; otherwise it says they must confirm',
    (locale, confirmed, asks) => {
      const actor = { name: 'Анна Смирнова', institutionId: 'msk' };
      const standing = renderNotice(
        'rescheduled',
        event('confirmed'),
        reader(locale),
        'https://t.example',
        actor,
      );
      const pending = renderNotice(
        'rescheduled',
        event('proposed'),
        reader(locale),
        'https://t.example',
        actor,
      );
      expect(standing.text).toContain(confirmed);
      expect(standing.text).not.toContain(asks);
      expect(pending.text).toContain(asks);
      expect(standing.text).toContain('12:00');
    },
  );
});

describe('e-mail buttons', () => {
  it.each([
    ['ru', 'Подтвердить или отклонить', 'Открыть страницу занятия'],
    ['kk', 'Растау немесе бас тарту', 'Сабақ бетін ашу'],
    ['en', 'Confirm or decline', 'Open the lesson page'],
  ] as const)(
    'in %s: a proposal e-mail has a button to answer on the lesson page; a reminder one to open it',
    (locale, decide, open) => {
      const url = 'https://t.example/events/77777777-7777-4777-8777-777777777777';
      const proposal = renderNotice('proposed', event('proposed'), reader(locale), 'https://t.example', null);
      const button = (label: string) =>
        new RegExp(`<td style="[^"]*background:#1f5fbf"><a href="${url}" style="[^"]*">${label}</a></td>`);
      expect(proposal.html).toMatch(button(decide));
      const reminder = renderReminder(event('confirmed'), reader(locale), 15, 'https://t.example');
      expect(reminder.html).toMatch(button(open));
      // The plain-text part keeps the link itself.
      expect(reminder.text).toContain(url);
    },
  );
});
