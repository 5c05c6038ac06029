/**
 * The one iCalendar (RFC 5545) builder: the api's .ics download and personal feed and the worker's
 * e-mail attachment all write their files here, so UID and SEQUENCE cannot drift apart. Pure
 * string building: CRLF after every line (the last one too), lines folded at 75 octets without
 * splitting a UTF-8 sequence, every TEXT value escaped (`\` `;` `,` and line breaks) and stripped of
 * control characters, so no title can add or break lines.
 */

/** One VEVENT. */
export type TIcsEvent = {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  /** DTSTAMP: when the information was last revised (feed) or the message was made (with METHOD). */
  stamp: Date;
  summary: string;
  description: string;
  url?: string;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Required by every METHOD (RFC 5546): who publishes the event. */
  organizer?: { name: string; email: string };
  /** The UID of the event this one is part of (RELATED-TO, RFC 5545 §3.8.4.5): a programme's session. */
  relatedTo?: string;
};

export type TIcsCalendar = {
  /** The calendar's name (NAME and X-WR-CALNAME). */
  name?: string;
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  events: readonly TIcsEvent[];
};

/** The stable iCalendar UID of an event: the same in every feed, download and e-mail. */
export const icsUid = (eventId: string): string => `${eventId}@telemost`;

/** SEQUENCE follows the event's version (version 1 is SEQUENCE 0), so every change supersedes the last. */
export const icsSequence = (version: number): number => Math.max(0, version - 1);

/** STATUS of an event in our lifecycle: declined and cancelled events are CANCELLED. */
export function icsStatus(status: string): TIcsEvent['status'] {
  if (status === 'cancelled' || status === 'declined') return 'CANCELLED';
  return status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE';
}

/** The address of a mailbox as `MAIL_FROM` writes it: `Telemost <no-reply@x>` → `no-reply@x`. */
export function mailboxAddress(mailbox: string): string {
  const m = /<([^<>\s]+)>/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim();
}

/** Drops control characters, which TEXT may not hold (RFC 5545 §3.3.11); tabs stay only if asked. */
function stripControls(value: string, keepTab: boolean): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && !(keepTab && cp === 0x09)) || cp === 0x7f) continue;
    out += ch;
  }
  return out;
}

// Line breaks in any spelling, Unicode's too (NEL, LINE and PARAGRAPH SEPARATOR end a line for
// JavaScript regexps, so some parsers would cut the property there).
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** A TEXT property value: escaped, one line. */
export function escapeText(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(LINE_BREAK, '\\n');
  return stripControls(escaped, true);
}

/**
 * A quoted parameter value (e.g. CN): no DQUOTE and no control characters may appear in it, and
 * no backslash: RFC 5545 gives it no meaning there, but ical.js reads `\\` and `\;` in a
 * parameter as escapes, and `CN="\\:"` made it take the rest of the line for the value (found by
 * the ICS property test). A backslash in a name is a slip of the keyboard; it is shown as `/`.
 */
function quoteParam(value: string): string {
  const clean = stripControls(value.replace(LINE_BREAK, ' ').replace(/\t/g, ' '), false);
  return `"${clean.replace(/"/g, "'").replace(/\\/g, '/')}"`;
}

/** A URI value: nothing that could end the line. */
function uriValue(value: string): string {
  return stripControls(value, false).replace(/\s/g, '');
}

const utf8Length = (cp: number): number => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds a content line at 75 octets (continuation lines start with a space), never inside a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const utcStamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The calendar as an `.ics` file. */
export function buildCalendar(calendar: TIcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Telemost//telemost//RU'];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name !== undefined) {
    const name = escapeText(calendar.name);
    lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  }
  for (const e of calendar.events) {
    if (calendar.method && !e.organizer) throw new Error(`METHOD:${calendar.method} needs an ORGANIZER`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `SEQUENCE:${Math.trunc(e.sequence)}`,
      `DTSTAMP:${utcStamp(e.stamp)}`,
      `DTSTART:${utcStamp(e.start)}`,
      `DTEND:${utcStamp(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status}`,
    );
    if (e.organizer) {
      lines.push(`ORGANIZER;CN=${quoteParam(e.organizer.name)}:mailto:${uriValue(e.organizer.email)}`);
    }
    if (e.url) lines.push(`URL;VALUE=URI:${uriValue(e.url)}`);
    if (e.relatedTo) lines.push(`RELATED-TO;RELTYPE=PARENT:${escapeText(e.relatedTo)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
