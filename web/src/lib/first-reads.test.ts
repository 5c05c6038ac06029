import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiRequest } from './api-client.ts';
import { FIRST_READS_KEY, firstReadsOf, type TFirstRead } from './first-reads.ts';

const NOW = new Date(2026, 11, 2, 10, 0);
const EVENT = '0b5a3c2e-9f1d-4a7b-8c6e-1d2f3a4b5c6d';

describe('firstReadsOf', () => {
  it('when a public page opens, then only the session is read early', () => {
    expect(firstReadsOf('/sign-in', '', NOW)).toEqual(['/api/me']);
    expect(firstReadsOf('/certificates/ABC', '', NOW)).toEqual(['/api/me']);
  });

  it('when a lesson page opens, then the session, the directory and that lesson are read early', () => {
    expect(firstReadsOf(`/events/${EVENT}`, '', NOW)).toEqual([
      '/api/me',
      '/api/institutions',
      '/api/partnerships',
      '/api/groups',
      `/api/events/${EVENT}`,
    ]);
  });

  it("when the calendar opens with a filter, then the week's events are left to the page", () => {
    expect(firstReadsOf('/calendar', '', NOW).some((r) => r.startsWith('/api/events?'))).toBe(true);
    expect(firstReadsOf('/calendar', '?view=agenda', NOW).some((r) => r.startsWith('/api/events?'))).toBe(
      false,
    );
  });
});

describe('apiRequest and early reads', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[FIRST_READS_KEY];
    vi.unstubAllGlobals();
  });

  it('when the first-reads script already asked for an address, then the app takes that answer once and asks itself after', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response('{"n":2}', { status: 200 });
    });
    (globalThis as Record<string, unknown>)[FIRST_READS_KEY] = {
      '/api/x': { at: Date.now(), response: Promise.resolve(new Response('{"n":1}')) } satisfies TFirstRead,
    };
    const schema = z.object({ n: z.number() });
    expect(await apiRequest('/api/x', schema)).toEqual({ n: 1 });
    expect(fetched).toEqual([]);
    expect(await apiRequest('/api/x', schema)).toEqual({ n: 2 });
    expect(fetched).toEqual(['/api/x']);
  });

  it('when an early read is stale, then the app asks the server itself', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"n":2}', { status: 200 }));
    (globalThis as Record<string, unknown>)[FIRST_READS_KEY] = {
      '/api/x': { at: Date.now() - 60_000, response: Promise.resolve(new Response('{"n":1}')) },
    };
    expect(await apiRequest('/api/x', z.object({ n: z.number() }))).toEqual({ n: 2 });
  });

  it('when the app changes something (a sign-in), then no early read is taken any more: they are the page as it was on arrival', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response('{"n":2}', { status: 200 });
    });
    (globalThis as Record<string, unknown>)[FIRST_READS_KEY] = {
      '/api/groups': { at: Date.now(), response: Promise.resolve(new Response('{"n":1}', { status: 401 })) },
    };
    await apiRequest('/api/auth/login', null, { method: 'POST', body: { email: 'a', password: 'b' } });
    expect(await apiRequest('/api/groups', z.object({ n: z.number() }))).toEqual({ n: 2 });
    expect(fetched).toEqual(['/api/auth/login', '/api/groups']);
  });
});
