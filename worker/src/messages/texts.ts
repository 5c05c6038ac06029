import type { TLocale } from '@telemost/core/schemas/common';

/** What a notice announces; the topic of the outbox row it came from, without `event.`. */
export type TNoticeKind = 'proposed' | 'confirmed' | 'declined' | 'rescheduled' | 'cancelled';

/** The values every message template may use. */
export type TMessageVars = {
  title: string;
  kind: string;
  /** The recipient's local date of the start, written out. */
  date: string;
  /** Every side's local start: `10:00 Москва / 12:00 Караганда`. */
  times: string;
  duration: string;
  colleges: string;
  url: string;
  /** How long until the start, for reminders: `через 15 минут`, `15 минуттан кейін`, `in 15 minutes`. */
  lead: string;
  /** Who acted (proposed, rescheduled, cancelled), when known. */
  actor: string;
  /** The college that declined, for declines. */
  decliner: string;
  /** Whether the event stands confirmed (a reschedule the other sides pre-approved). */
  confirmed: boolean;
};

type TTemplate = { subject: (v: TMessageVars) => string; body: (v: TMessageVars) => string[] };

/** Small words around the templates. */
export const WORDS: Record<
  TLocale,
  {
    greeting: (name: string) => string;
    footer: string;
    /** The e-mail's button to the event page. */
    open: string;
    /** The same button on a proposal, where the reader is to answer. */
    decide: string;
  }
> = {
  ru: {
    greeting: (name) => `Здравствуйте, ${name}!`,
    footer: 'Это письмо отправил Телемост. Время указано по часам каждого колледжа.',
    open: 'Открыть страницу занятия',
    decide: 'Подтвердить или отклонить',
  },
  kk: {
    greeting: (name) => `Сәлеметсіз бе, ${name}!`,
    footer: 'Бұл хатты Телемост жіберді. Уақыт әр колледждің сағатымен көрсетілген.',
    open: 'Сабақ бетін ашу',
    decide: 'Растау немесе бас тарту',
  },
  en: {
    greeting: (name) => `Hello, ${name}!`,
    footer: 'Sent by Telemost. Times are shown on each college’s local clock.',
    open: 'Open the lesson page',
    decide: 'Confirm or decline',
  },
};

const unitFormats = new Map<string, Intl.NumberFormat>();

/**
 * Lead time of a reminder in words. Kazakh puts the postposition after an ablative noun, so the
 * unit words carry their own ending.
 */
export function leadText(locale: TLocale, offsetMinutes: number): string {
  const [n, unit] =
    offsetMinutes >= 2880 && offsetMinutes % 1440 === 0
      ? [offsetMinutes / 1440, 'day' as const]
      : offsetMinutes >= 60 && offsetMinutes % 60 === 0
        ? [offsetMinutes / 60, 'hour' as const]
        : [offsetMinutes, 'minute' as const];
  if (locale === 'kk') {
    const ablative = { day: 'күннен', hour: 'сағаттан', minute: 'минуттан' }[unit];
    return `${n} ${ablative} кейін`;
  }
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
    unitFormats.set(key, format);
  }
  const amount = format.format(n);
  return locale === 'ru' ? `через ${amount}` : `in ${amount}`;
}

/** Reminder texts. */
export const REMINDER: Record<TLocale, TTemplate> = {
  ru: {
    subject: (v) => `Напоминание: «${v.title}» ${v.lead}`,
    body: (v) => [
      `${v.kind} «${v.title}» начнётся ${v.lead}.`,
      `Когда: ${v.date}, ${v.times}.`,
      `Продолжительность: ${v.duration}.`,
      `Участвуют: ${v.colleges}.`,
      `Подключиться к телемосту: ${v.url}`,
    ],
  },
  kk: {
    subject: (v) => `Еске салу: «${v.title}» ${v.lead}`,
    body: (v) => [
      `${v.kind} «${v.title}» ${v.lead} басталады.`,
      `Уақыты: ${v.date}, ${v.times}.`,
      `Ұзақтығы: ${v.duration}.`,
      `Қатысушылар: ${v.colleges}.`,
      `Телекөпірге қосылу: ${v.url}`,
    ],
  },
  en: {
    subject: (v) => `Reminder: “${v.title}” ${v.lead}`,
    body: (v) => [
      `${v.kind} “${v.title}” starts ${v.lead}.`,
      `When: ${v.date}, ${v.times}.`,
      `Duration: ${v.duration}.`,
      `Colleges: ${v.colleges}.`,
      `Join the telebridge: ${v.url}`,
    ],
  },
};

/** Notice texts, by what happened. */
export const NOTICE: Record<TLocale, Record<TNoticeKind, TTemplate>> = {
  ru: {
    proposed: {
      subject: (v) => `Предложение: ${v.kind.toLowerCase()} «${v.title}»`,
      body: (v) => [
        `${v.actor} предлагает провести «${v.title}» (${v.kind.toLowerCase()}).`,
        `Когда: ${v.date}, ${v.times}.`,
        `Продолжительность: ${v.duration}.`,
        `Участвуют: ${v.colleges}.`,
        `Подтвердите или отклоните: ${v.url}`,
      ],
    },
    confirmed: {
      subject: (v) => `Подтверждено: «${v.title}»`,
      body: (v) => [
        `Все колледжи подтвердили «${v.title}» (${v.kind.toLowerCase()}).`,
        `Когда: ${v.date}, ${v.times}.`,
        `Участвуют: ${v.colleges}.`,
        `Ссылка: ${v.url}`,
      ],
    },
    declined: {
      subject: (v) => `Отклонено: «${v.title}»`,
      body: (v) => [
        `Предложение «${v.title}» (${v.kind.toLowerCase()}) отклонено. Отклонил: ${v.decliner}.`,
        `Было запланировано: ${v.date}, ${v.times}.`,
        `Ссылка: ${v.url}`,
      ],
    },
    rescheduled: {
      subject: (v) => `Перенесено: «${v.title}»`,
      body: (v) => [
        `«${v.title}» (${v.kind.toLowerCase()}) перенесено. Перенёс: ${v.actor}.`,
        `Новое время: ${v.date}, ${v.times}.`,
        `Продолжительность: ${v.duration}.`,
        v.confirmed
          ? `Колледжи заранее согласились на перенос, новое время подтверждено: ${v.url}`
          : `Новое время должны подтвердить колледжи: ${v.url}`,
      ],
    },
    cancelled: {
      subject: (v) => `Отменено: «${v.title}»`,
      body: (v) => [
        `«${v.title}» (${v.kind.toLowerCase()}) отменено. Отменил: ${v.actor}.`,
        `Было запланировано: ${v.date}, ${v.times}.`,
        `Ссылка: ${v.url}`,
      ],
    },
  },
  kk: {
    proposed: {
      subject: (v) => `Ұсыныс: ${v.kind.toLowerCase()} «${v.title}»`,
      body: (v) => [
        `${v.actor} «${v.title}» (${v.kind.toLowerCase()}) өткізуді ұсынады.`,
        `Уақыты: ${v.date}, ${v.times}.`,
        `Ұзақтығы: ${v.duration}.`,
        `Қатысушылар: ${v.colleges}.`,
        `Растаңыз немесе бас тартыңыз: ${v.url}`,
      ],
    },
    confirmed: {
      subject: (v) => `Расталды: «${v.title}»`,
      body: (v) => [
        `Барлық колледждер «${v.title}» (${v.kind.toLowerCase()}) растады.`,
        `Уақыты: ${v.date}, ${v.times}.`,
        `Қатысушылар: ${v.colleges}.`,
        `Сілтеме: ${v.url}`,
      ],
    },
    declined: {
      subject: (v) => `Қабылданбады: «${v.title}»`,
      body: (v) => [
        `«${v.title}» (${v.kind.toLowerCase()}) ұсынысы қабылданбады. Бас тартқан: ${v.decliner}.`,
        `Жоспарланған уақыты: ${v.date}, ${v.times}.`,
        `Сілтеме: ${v.url}`,
      ],
    },
    rescheduled: {
      subject: (v) => `Ауыстырылды: «${v.title}»`,
      body: (v) => [
        `«${v.title}» (${v.kind.toLowerCase()}) басқа уақытқа ауыстырылды. Ауыстырған: ${v.actor}.`,
        `Жаңа уақыты: ${v.date}, ${v.times}.`,
        `Ұзақтығы: ${v.duration}.`,
        v.confirmed
          ? `Колледждер ауыстыруға алдын ала келісті, жаңа уақыт расталды: ${v.url}`
          : `Жаңа уақытты колледждер растауы керек: ${v.url}`,
      ],
    },
    cancelled: {
      subject: (v) => `Болдырылмады: «${v.title}»`,
      body: (v) => [
        `«${v.title}» (${v.kind.toLowerCase()}) болдырылмады. Болдырмаған: ${v.actor}.`,
        `Жоспарланған уақыты: ${v.date}, ${v.times}.`,
        `Сілтеме: ${v.url}`,
      ],
    },
  },
  en: {
    proposed: {
      subject: (v) => `Proposal: ${v.kind.toLowerCase()} “${v.title}”`,
      body: (v) => [
        `${v.actor} proposes “${v.title}” (${v.kind.toLowerCase()}).`,
        `When: ${v.date}, ${v.times}.`,
        `Duration: ${v.duration}.`,
        `Colleges: ${v.colleges}.`,
        `Confirm or decline: ${v.url}`,
      ],
    },
    confirmed: {
      subject: (v) => `Confirmed: “${v.title}”`,
      body: (v) => [
        `Every college has confirmed “${v.title}” (${v.kind.toLowerCase()}).`,
        `When: ${v.date}, ${v.times}.`,
        `Colleges: ${v.colleges}.`,
        `Link: ${v.url}`,
      ],
    },
    declined: {
      subject: (v) => `Declined: “${v.title}”`,
      body: (v) => [
        `The proposal “${v.title}” (${v.kind.toLowerCase()}) was declined by ${v.decliner}.`,
        `It was planned for ${v.date}, ${v.times}.`,
        `Link: ${v.url}`,
      ],
    },
    rescheduled: {
      subject: (v) => `Rescheduled: “${v.title}”`,
      body: (v) => [
        `${v.actor} moved “${v.title}” (${v.kind.toLowerCase()}).`,
        `New time: ${v.date}, ${v.times}.`,
        `Duration: ${v.duration}.`,
        v.confirmed
          ? `The colleges agreed to moves in advance; the new time is confirmed: ${v.url}`
          : `The colleges confirm the new time here: ${v.url}`,
      ],
    },
    cancelled: {
      subject: (v) => `Cancelled: “${v.title}”`,
      body: (v) => [
        `${v.actor} cancelled “${v.title}” (${v.kind.toLowerCase()}).`,
        `It was planned for ${v.date}, ${v.times}.`,
        `Link: ${v.url}`,
      ],
    },
  },
};
