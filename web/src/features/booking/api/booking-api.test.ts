import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent as createEventView } from '../../../testing/data-generators.ts';
import { createEvent } from './booking-api.ts';

const request = {
  partnershipId: '00000000-0000-4000-8000-000000000001',
  kind: 'joint_lesson',
  title: 'Урок',
  localStart: '2027-02-10T10:00',
  timeZone: 'Europe/Moscow',
  durationMinutes: 90,
  groupIds: ['00000000-0000-4000-8000-000000000002'],
} as Parameters<typeof createEvent>[0];

function answering(...outcomes: ('lost' | 'ok')[]) {
  const keys: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)['idempotency-key']!);
      if (outcomes.shift() === 'lost') throw new TypeError('network error');
      return new Response(JSON.stringify({ items: [createEventView()], skipped: [], seriesId: null }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return keys;
}

describe('createEvent', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when the answer is lost and the same form is sent again, then the retry carries the same Idempotency-Key', async () => {
    const keys = answering('lost', 'ok');
    await expect(createEvent(request)).rejects.toBeTruthy();
    await createEvent(request);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when a booking succeeded or the form changed, then the next submission gets a new key', async () => {
    const keys = answering('ok', 'ok', 'lost', 'ok');
    await createEvent(request);
    await createEvent(request);
    await expect(createEvent(request)).rejects.toBeTruthy();
    await createEvent({ ...request, title: 'Другой урок' });
    expect(new Set(keys).size).toBe(4);
  });
});
