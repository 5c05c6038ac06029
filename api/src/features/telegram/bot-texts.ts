import type { TLocale } from '@telemost/core/schemas/common';

/** What the bot says, in the person's language. */
export const BOT_TEXTS: Record<
  TLocale,
  {
    linked: (name: string) => string;
    badToken: string;
    hello: string;
    notYours: string;
    confirmed: string;
    declined: string;
    changed: string;
    failed: (reason: string) => string;
  }
> = {
  ru: {
    linked: (name) =>
      `Готово, ${name}: Telegram привязан к Telemost. Сюда будут приходить напоминания и предложения занятий.`,
    badToken:
      'Ссылка недействительна или устарела. Откройте профиль в Telemost и нажмите «Привязать Telegram» ещё раз.',
    hello:
      'Это бот Telemost. Чтобы получать здесь напоминания, откройте профиль в Telemost и нажмите «Привязать Telegram».',
    notYours: 'Эта кнопка не для этого чата.',
    confirmed: '✅ Вы подтвердили.',
    declined: '❌ Вы отклонили.',
    changed: 'Предложение изменилось: откройте его в Telemost.',
    failed: (reason) => `Не получилось: ${reason}`,
  },
  kk: {
    linked: (name) =>
      `Дайын, ${name}: Telegram Telemost-қа байланыстырылды. Мұнда еске салғыштар мен сабақ ұсыныстары келеді.`,
    badToken:
      'Сілтеме жарамсыз немесе ескірген. Telemost-та профильді ашып, «Telegram-ды байланыстыру» түймесін қайта басыңыз.',
    hello:
      'Бұл — Telemost боты. Мұнда еске салғыштар алу үшін Telemost-та профильді ашып, «Telegram-ды байланыстыру» түймесін басыңыз.',
    notYours: 'Бұл түйме бұл чатқа арналмаған.',
    confirmed: '✅ Сіз растадыңыз.',
    declined: '❌ Сіз бас тарттыңыз.',
    changed: 'Ұсыныс өзгерді: оны Telemost-та ашыңыз.',
    failed: (reason) => `Болмады: ${reason}`,
  },
  en: {
    linked: (name) =>
      `Done, ${name}: Telegram is linked to Telemost. Reminders and lesson proposals will arrive here.`,
    badToken:
      'This link is invalid or has expired. Open your profile in Telemost and press "Link Telegram" again.',
    hello:
      'This is the Telemost bot. To get reminders here, open your profile in Telemost and press "Link Telegram".',
    notYours: 'This button is not for this chat.',
    confirmed: '✅ You confirmed.',
    declined: '❌ You declined.',
    changed: 'The proposal has changed: open it in Telemost.',
    failed: (reason) => `That did not work: ${reason}`,
  },
};
