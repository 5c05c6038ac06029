import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPartnership } from '../../../testing/data-generators.ts';
import { renderWithApp } from '../../../testing/render.tsx';
import { PlanProgress } from './dashboard-page.tsx';

const partnership = createPartnership();
const row = (kind: string, done: number, notHeld?: number) => ({
  kind,
  planTitle: null,
  target: 4,
  done,
  ...(notHeld === undefined ? {} : { notHeld }),
  upcoming: 0,
  proposed: 0,
  declined: 0,
  cancelled: 0,
  hours: done * 1.5,
  sides: [],
});

/** The api's plan report for one partnership: a joint lesson row and a conference row. */
function fakeReport(conferenceNotHeld: number) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url === `/api/partnerships/${partnership.id}/report`
        ? new Response(
            JSON.stringify({
              partnership: { id: partnership.id, number: partnership.number, title: partnership.title },
              from: null,
              to: null,
              generatedAt: '2027-02-01T09:00:00.000Z',
              byKind: [row('joint_lesson', 2), row('conference', 1, conferenceNotHeld)],
              sides: [],
              totals: { target: 8, done: 3, hours: 4.5, people: 0, personHours: 0 },
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          )
        : new Response(JSON.stringify({ status: 404, code: 'not_found' }), { status: 404 }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PlanProgress', () => {
  it('when a conference was over with nobody in the hall, then its row says how many were not held', async () => {
    fakeReport(2);
    renderWithApp(<PlanProgress partnership={partnership} />, { locale: 'kk' });
    const notHeld = await screen.findAllByTestId('plan-not-held');
    expect(notHeld.map((n) => n.textContent)).toEqual(['өтпеді (залға ешкім келмеді): 2']);
  });

  it('when every conference was held, then no row speaks of not held ones', async () => {
    fakeReport(0);
    renderWithApp(<PlanProgress partnership={partnership} />);
    await screen.findByTestId('plan-table');
    expect(screen.queryByTestId('plan-not-held')).toBeNull();
  });
});
