import { lazy } from 'react';
import { InvitePage } from '../features/invite/components/invite-page.tsx';

/** A jury link's marking tools, fetched only when a juror is let in. */
const GuestJuryTools = lazy(() =>
  import('../features/olympiad/components/guest-jury-tools.tsx').then((m) => ({ default: m.GuestJuryTools })),
);

/** `/invite/:token`: the invitation page, with the olympiad's jury tools for a jury link. */
export function InviteRoute() {
  return <InvitePage JuryTools={GuestJuryTools} />;
}
