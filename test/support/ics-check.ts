import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { expect } from 'vitest';

// ical.js knows RFC 5545's properties; NAME (RFC 7986) and X-WR-CALNAME are TEXT too.
const icalProperties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
icalProperties.name = { defaultType: 'text' };
icalProperties['x-wr-calname'] = { defaultType: 'text' };

/** A VEVENT as both parsers read it back. */
export type TParsedEvent = {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  status: string;
  organizer: string;
  dtstamp: string;
  dtstart: string;
};

/** What a TEXT value must read back as: every line break as `\n`, control characters dropped. */
export function asText(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && cp !== 0x0a && cp !== 0x09) || cp === 0x7f) continue;
    out += ch;
  }
  return out;
}

/**
 * Checks an .ics the product made against RFC 5545's line rules (CRLF after every line including
 * the last, no bare CR or LF, at most 75 octets a line, folds never inside a UTF-8 character) and
 * parses it with ical.js and node-ical, which must agree.
 */
export function checkIcs(text: string): {
  name: string | null;
  method: string | null;
  events: TParsedEvent[];
} {
  expect(text.endsWith('\r\n'), 'ends with CRLF').toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line, 'no bare CR or LF').not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), `line of at most 75 octets: ${line}`).toBeLessThanOrEqual(75);
    // A fold inside a character would leave half a surrogate pair on a line (one inside a UTF-8
    // sequence would decode to U+FFFD, which the round trip of every value below catches, while a
    // U+FFFD the title itself holds is legitimate).
    expect(line, 'no half of a surrogate pair').not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
  }
  // Only our own structure begins a line: nothing a value holds can start a component.
  const begins = lines.filter((l) => l.startsWith('BEGIN:') || l.startsWith('END:'));
  const vevents = begins.filter((l) => l === 'BEGIN:VEVENT').length;
  expect(begins).toEqual([
    'BEGIN:VCALENDAR',
    ...Array.from({ length: vevents }, () => ['BEGIN:VEVENT', 'END:VEVENT']).flat(),
    'END:VCALENDAR',
  ]);

  const cal = new ICAL.Component(ICAL.parse(text));
  const fromIcalJs = cal.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    sequence: Number(v.getFirstPropertyValue('sequence')),
    summary: String(v.getFirstPropertyValue('summary')),
    description: String(v.getFirstPropertyValue('description')),
    status: String(v.getFirstPropertyValue('status')),
    organizer: String(v.getFirstPropertyValue('organizer') ?? ''),
    dtstamp: (v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
    dtstart: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  }));
  expect(fromIcalJs.length).toBe(vevents);

  const parsed = nodeIcal.sync.parseICS(text);
  const fromNodeIcal = Object.values(parsed)
    .filter((c) => c?.type === 'VEVENT')
    .map((c) => {
      const v = c as unknown as Record<string, unknown>;
      const str = (x: unknown) =>
        typeof x === 'object' && x && 'val' in x ? String(x.val) : String(x ?? '');
      return { uid: str(v.uid), summary: str(v.summary), description: str(v.description) };
    });
  // Both parsers see the same events; node-ical reads the same texts too, except where its
  // unescaping is known to be lossy (lib/ical-parser-utils.js `text`: it drops quotes around a
  // whole value and turns an escaped backslash followed by n into a line break).
  expect(fromNodeIcal.map((e) => e.uid)).toEqual(fromIcalJs.map((e) => e.uid));
  fromIcalJs.forEach((e, i) => {
    for (const field of ['summary', 'description'] as const) {
      if (/^"[\s\S]*"$/.test(e[field]) || /\\[nN]/.test(e[field])) continue;
      expect(fromNodeIcal[i]![field], `node-ical ${field}`).toBe(e[field]);
    }
  });
  const name = cal.getFirstPropertyValue('name');
  const wr = cal.getFirstPropertyValue('x-wr-calname');
  expect(wr ?? null).toEqual(name ?? null);
  const method = cal.getFirstPropertyValue('method');
  return {
    name: name === null ? null : String(name),
    method: method ? String(method) : null,
    events: fromIcalJs,
  };
}
