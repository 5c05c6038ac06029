/**
 * Names of the kinds of joint activity in ru/kk/en: the one table the e-mails, notifications, the
 * .ics and the web use ("Совместный урок", as the agreement's "совместные уроки").
 */
export const KIND_LABELS = {
  ru: {
    joint_lesson: 'Совместный урок',
    industrial_practice: 'Производственная практика',
    cultural_event: 'Культурное мероприятие',
    internship: 'Стажировка',
    masterclass: 'Мастер-класс',
    conference: 'Конференция',
    olympiad: 'Олимпиада',
  },
  kk: {
    joint_lesson: 'Бірлескен сабақ',
    industrial_practice: 'Өндірістік практика',
    cultural_event: 'Мәдени іс-шара',
    internship: 'Тағылымдама',
    masterclass: 'Шеберлік сыныбы',
    conference: 'Конференция',
    olympiad: 'Олимпиада',
  },
  en: {
    joint_lesson: 'Joint lesson',
    industrial_practice: 'Industrial practice',
    cultural_event: 'Cultural event',
    internship: 'Internship',
    masterclass: 'Master class',
    conference: 'Conference',
    olympiad: 'Olympiad',
  },
} as const satisfies Record<'ru' | 'kk' | 'en', Record<string, string>>;

/** The name of a kind in a language; an unknown kind is shown as its code. */
export function kindLabel(kind: string, locale: 'ru' | 'kk' | 'en'): string {
  return (KIND_LABELS[locale] as Record<string, string>)[kind] ?? kind;
}
