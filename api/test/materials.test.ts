import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { startTestS3, type TestS3 } from './support/s3-server.ts';
import { sessionCookie } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const OUTSIDER = demoEmail('teacher', 'msk-23', 1);
const NAME = 'Схема узла №1 (финал) «крыша».pdf';
const pdf = (size = 2000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 0x20)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);

/** A material, or a problem document naming the fields at fault. */
type TAnswer = { id: string; errors: { field: string }[] } & Record<string, unknown>;

async function upload(
  app: TestApp,
  cookie: string,
  eventId: string,
  name: string,
  body: Buffer,
  type = 'application/pdf',
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(body)], { type }), name);
  const res = await fetch(`${app.url}/api/events/${eventId}/materials`, {
    method: 'POST',
    headers: { cookie, origin: app.url },
    body: form,
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as TAnswer };
}

async function download(app: TestApp, cookie: string, eventId: string, id: string) {
  const res = await fetch(`${app.url}/api/events/${eventId}/materials/${id}`, { headers: { cookie } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** The file name a browser reads from `filename*=UTF-8''…` (RFC 5987). */
function dispositionName(header: string | null): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(header ?? '');
  return m ? decodeURIComponent(m[1]!) : '';
}

describe('lesson materials on disk under DATA_DIR (pglite)', () => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let dataDir: string;
  let teacher: string;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'telemost-materials-'));
    app = await startTestApp('pglite', { now: clock.now, env: { DATA_DIR: dataDir, MATERIALS_MAX_MB: 1 } });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    teacher = await sessionCookie(app.url, MSK_TEACHER);
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a host uploads a PDF, then a participant downloads the same bytes under the original name', async () => {
    const bytes = pdf();
    const up = await upload(app, teacher, lesson.id, NAME, bytes);
    expect(up.status, JSON.stringify(up.json)).toBe(201);
    expect(up.json).toMatchObject({ name: NAME, contentType: 'application/pdf', size: bytes.length });
    expect(readdirSync(path.join(dataDir, 'materials', lesson.id))).toEqual([up.json.id]);

    const student = await sessionCookie(app.url, lesson.krgStudent);
    const list = await fetch(`${app.url}/api/events/${lesson.id}/materials`, {
      headers: { cookie: student },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { name: string }[] }).items.map((m) => m.name)).toEqual([NAME]);
    const { res, body } = await download(app, student, lesson.id, up.json.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(body.equals(bytes)).toBe(true);
    const disposition = res.headers.get('content-disposition');
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(dispositionName(disposition)).toBe(NAME);
  });

  it('when an outsider asks for the list or the file, or a student tries to upload, then 403 problem+json', async () => {
    const id = (await app.ctx.db.selectFrom('materials').select('id').executeTakeFirstOrThrow()).id;
    const outsider = await sessionCookie(app.url, OUTSIDER);
    for (const url of [`/api/events/${lesson.id}/materials`, `/api/events/${lesson.id}/materials/${id}`]) {
      const res = await fetch(app.url + url, { headers: { cookie: outsider } });
      expect(res.status, url).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const student = await sessionCookie(app.url, lesson.mskStudent);
    expect((await upload(app, student, lesson.id, 'x.pdf', pdf())).status).toBe(403);
  });

  it('when the file is too big, or not an accepted type whatever it claims, or missing, then 413 / 415 / 422 problem+json naming the field and nothing is stored', async () => {
    const before = await app.ctx.db.selectFrom('materials').select('id').execute();
    const big = await upload(app, teacher, lesson.id, 'big.pdf', pdf(1024 * 1024 + 10));
    expect(big.status).toBe(413);
    expect(big.type).toContain('application/problem+json');
    expect(big.json.errors[0]!.field).toBe('file');
    // Announced far over the limit: refused before the body is read.
    const huge = await upload(app, teacher, lesson.id, 'huge.pdf', pdf(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.type).toContain('application/problem+json');
    // A PNG named .pdf, an executable named .png, a script: the bytes decide.
    for (const [name, body, type] of [
      ['slides.pdf', png, 'application/pdf'],
      ['photo.png', Buffer.from('MZ\x90\x00 this is an exe'), 'image/png'],
      ['run.sh', Buffer.from('#!/bin/sh\n'), 'text/plain'],
    ] as const) {
      const res = await upload(app, teacher, lesson.id, name, body, type);
      expect(res.status, name).toBe(415);
      expect(res.json.errors[0]!.field).toBe('file');
    }
    const form = new FormData();
    form.append('other', 'x');
    const none = await fetch(`${app.url}/api/events/${lesson.id}/materials`, {
      method: 'POST',
      headers: { cookie: teacher, origin: app.url },
      body: form,
    });
    expect(none.status).toBe(422);
    expect(((await none.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('file');
    const json = await fetch(`${app.url}/api/events/${lesson.id}/materials`, {
      method: 'POST',
      headers: { cookie: teacher, origin: app.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await app.ctx.db.selectFrom('materials').select('id').execute()).toEqual(before);
  });

  it('when a PNG image and a host removes a material, then the image is served as image/png and the removed one is gone', async () => {
    const up = await upload(app, teacher, lesson.id, 'доска.png', png, 'image/png');
    expect(up.status).toBe(201);
    const { res } = await download(app, teacher, lesson.id, up.json.id);
    expect(res.headers.get('content-type')).toBe('image/png');
    const del = await fetch(`${app.url}/api/events/${lesson.id}/materials/${up.json.id}`, {
      method: 'DELETE',
      headers: { cookie: teacher, origin: app.url },
    });
    expect(del.status).toBe(204);
    expect((await download(app, teacher, lesson.id, up.json.id)).res.status).toBe(404);
  });
});

describe('lesson materials in S3-compatible storage', () => {
  let app: TestApp;
  let s3: TestS3;
  let lesson: TBookedLesson;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    s3 = await startTestS3({ bucket: 'telemost-materials', accessKeyId: 'test-access-key' });
    app = await startTestApp('pglite', {
      now: clock.now,
      env: {
        S3_ENDPOINT: s3.url,
        S3_BUCKET: 'telemost-materials',
        S3_ACCESS_KEY_ID: 'test-access-key',
        S3_SECRET_ACCESS_KEY: 'test-secret-key-0000000000',
      },
    });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
  });
  afterAll(async () => {
    await app?.stop();
    await s3?.close();
  });

  it('when S3_* is set, then the file goes to the bucket (PutObject), comes back from it (GetObject) and is deleted from it (DeleteObject)', async () => {
    const teacher = await sessionCookie(app.url, MSK_TEACHER);
    const bytes = pdf(5000);
    const up = await upload(app, teacher, lesson.id, NAME, bytes);
    expect(up.status, JSON.stringify(up.json)).toBe(201);
    const key = `telemost-materials/${lesson.id}/${up.json.id}`;
    expect(s3.objects.get(key)?.body.equals(bytes)).toBe(true);
    expect(s3.objects.get(key)?.contentType).toBe('application/pdf');
    const student = await sessionCookie(app.url, lesson.mskStudent);
    const { res, body } = await download(app, student, lesson.id, up.json.id);
    expect(res.status).toBe(200);
    expect(body.equals(bytes)).toBe(true);
    expect(dispositionName(res.headers.get('content-disposition'))).toBe(NAME);
    const del = await fetch(`${app.url}/api/events/${lesson.id}/materials/${up.json.id}`, {
      method: 'DELETE',
      headers: { cookie: teacher, origin: app.url },
    });
    expect(del.status).toBe(204);
    expect(s3.objects.has(key)).toBe(false);
    expect(s3.log).toEqual([`PUT /${key}`, `GET /${key}`, `DELETE /${key}`]);
  });
});
