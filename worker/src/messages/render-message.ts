import { eventClocks, formatClocks } from '@telemost/core/presentation/clocks';
import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TEventSnapshot, TRecipient } from '../events/events.repository.ts';
import { leadText, NOTICE, REMINDER, type TMessageVars, type TNoticeKind, WORDS } from './texts.ts';

/** A message ready for both channels: the in-app title and body, and the e-mail parts. */
export type TRenderedMessage = {
  title: string;
  body: string;
  subject: string;
  text: string;
  html: string;
  /** `10:00 Москва / 12:00 Караганда`, in the recipient's language. */
  times: string;
  url: string;
  /** The recipient's language, which the texts are written in. */
  locale: TLocale;
};

/** The link to an event page. */
export function eventUrl(publicUrl: string, eventId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/events/${eventId}`;
}

/**
 * Every side's local start in core's one order (the recipient's own clock first, then west to
 * east; "у вас" first for a recipient in none of the sides' zones): `10:00 Москва / 12:00 Караганда`.
 */
export function localTimes(event: TEventSnapshot, recipient: TRecipient): string {
  return formatClocks(
    event.startAt,
    eventClocks(event.sides, event.startAt, { locale: recipient.locale, timeZone: recipient.timeZone }),
  );
}

// Building an Intl formatter costs far more than using one; a burst of reminders reuses them.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formats.get(key) as T | undefined;
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

function dateText(at: Date, zone: string, locale: TLocale): string {
  return cached(
    `date|${locale}|${zone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: zone,
      }),
  ).format(at);
}

function durationText(event: TEventSnapshot, locale: TLocale): string {
  const minutes = Math.round((event.endAt.getTime() - event.startAt.getTime()) / 60_000);
  return cached(
    `minutes|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
  ).format(minutes);
}

function vars(
  event: TEventSnapshot,
  recipient: TRecipient,
  publicUrl: string,
  extra: Partial<TMessageVars>,
): TMessageVars {
  const l = recipient.locale;
  return {
    title: event.title,
    kind: kindLabel(event.kind, l),
    // The date is written on the recipient's own clock, the clock that leads the times.
    date: dateText(event.startAt, recipient.timeZone, l),
    times: localTimes(event, recipient),
    duration: durationText(event, l),
    colleges: event.sides.map((s) => s.name[l]).join('; '),
    url: eventUrl(publicUrl, event.id),
    lead: '',
    actor: '',
    decliner: '',
    confirmed: event.status === 'confirmed',
    ...extra,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A link that looks like a button in every mail client: a one-cell table with the colour on the
 * cell (Outlook ignores padding and background on links) and the link filling it.
 */
export function emailButton(href: string, label: string): string {
  return [
    '<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:20px 0">',
    '<tr><td style="border-radius:6px;background:#1f5fbf">',
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 24px;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none">${escapeHtml(label)}</a>`,
    '</td></tr></table>',
  ].join('');
}

function assemble(
  recipient: TRecipient,
  subject: string,
  lines: string[],
  v: TMessageVars,
  action: 'open' | 'decide' = 'open',
): TRenderedMessage {
  const words = WORDS[recipient.locale];
  const greeting = words.greeting(recipient.name);
  const text = [greeting, '', ...lines, '', '—', words.footer].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((line) => {
      const safe = escapeHtml(line);
      const link = escapeHtml(v.url);
      return `<p>${safe.replace(link, `<a href="${link}">${link}</a>`)}</p>`;
    }),
    emailButton(v.url, words[action]),
    `<p style="color:#666;font-size:smaller">${escapeHtml(words.footer)}</p>`,
  ].join('\n');
  return {
    title: subject,
    body: lines.join('\n'),
    subject,
    text,
    html,
    times: v.times,
    url: v.url,
    locale: recipient.locale,
  };
}

/** A reminder `offsetMinutes` before the start, in the recipient's language and zone. */
export function renderReminder(
  event: TEventSnapshot,
  recipient: TRecipient,
  offsetMinutes: number,
  publicUrl: string,
): TRenderedMessage {
  const v = vars(event, recipient, publicUrl, { lead: leadText(recipient.locale, offsetMinutes) });
  const t = REMINDER[recipient.locale];
  return assemble(recipient, t.subject(v), t.body(v), v);
}

/** A notice that an event was proposed, confirmed, declined, rescheduled or cancelled. */
export function renderNotice(
  kind: TNoticeKind,
  event: TEventSnapshot,
  recipient: TRecipient,
  publicUrl: string,
  actor: { name: string; institutionId: string | null } | null,
): TRenderedMessage {
  const l = recipient.locale;
  const actorCollege = event.sides.find((s) => s.institutionId === actor?.institutionId)?.name[l];
  const declined = event.sides.filter((s) => s.decision === 'declined').map((s) => s.name[l]);
  const v = vars(event, recipient, publicUrl, {
    actor: actor ? (actorCollege ? `${actor.name} (${actorCollege})` : actor.name) : 'Telemost',
    decliner: declined.join('; ') || (actorCollege ?? actor?.name ?? ''),
  });
  const t = NOTICE[l][kind];
  return assemble(recipient, t.subject(v), t.body(v), v, kind === 'proposed' ? 'decide' : 'open');
}
