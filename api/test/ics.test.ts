import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asText, checkIcs } from '../../test/support/ics-check.ts';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

// A title as an attacker would write it: line breaks that would start a new VEVENT if written
// raw, every TEXT special character, a control character, Kazakh text and emoji.
const HOSTILE_TITLE =
  'Урок\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\rSUMMARY:x\nқазақ; a, b \\ c\u0007 🎓👩🏽‍🏫 ' +
  'ө'.repeat(60);

describe('the .ics files the api serves', () => {
  let app: TestApp;
  let teacher: TestClient;
  let dir: Directory;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const admin = await app.as(DEMO_ADMIN_EMAIL);
    teacher = await app.as(demoEmail('teacher', 'msk-26', 1));
    dir = await loadDirectory(app, admin);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a title carries CRLF, CR, LF and TEXT specials, then the download and the feed each hold exactly their events, parse with ical.js and node-ical, end with CRLF, and name an ORGANIZER; the feed stamps the last change', async () => {
    const created = (
      await teacher.post(
        '/api/events',
        lessonRequest(dir, {
          title: HOSTILE_TITLE,
          localStart: '2027-05-12T11:00',
          description: 'a;b,c\\d\r\ne',
        }),
      )
    ).json.items[0];
    expect(created.title).toBe(HOSTILE_TITLE.trim());

    const download = await teacher.get(`/api/events/${created.id}/ics`);
    expect(download.status).toBe(200);
    const one = checkIcs(download.text);
    expect(one.method).toBe('PUBLISH');
    expect(one.name).toBe(asText(created.title));
    expect(one.events).toHaveLength(1);
    expect(one.events[0]).toMatchObject({
      uid: `${created.id}@telemost`,
      sequence: 0,
      summary: asText(created.title),
      organizer: 'mailto:no-reply@telemost.local',
    });
    expect(one.events[0]!.description).toContain('a;b,c\\d\ne');

    const link = (await teacher.post('/api/me/calendar-token', {})).json.url as string;
    // The feed's DTSTAMP is the event's last change: the same on every fetch, whatever the clock says.
    const fetchFeed = async () => checkIcs((await app.client().get(new URL(link).pathname)).text);
    const feed = await fetchFeed();
    expect(feed.method).toBeNull();
    const entry = feed.events.find((e) => e.uid === `${created.id}@telemost`);
    const view = (await teacher.get(`/api/events/${created.id}`)).json;
    // iCalendar times have whole seconds.
    const lastChange = view.updatedAt.replace(/\.\d{3}Z$/, '.000Z');
    expect(entry).toMatchObject({ summary: asText(created.title), dtstamp: lastChange });
    await new Promise((r) => setTimeout(r, 20));
    expect((await fetchFeed()).events.find((e) => e.uid === entry!.uid)?.dtstamp).toBe(lastChange);
    expect(feed.events.every((e) => e.organizer.startsWith('mailto:'))).toBe(true);
  });
});
