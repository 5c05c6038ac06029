import { viewerZoneOf } from '@telemost/core/presentation/clocks';
import { useAuth } from '../lib/auth.tsx';
import { useDirectory } from './use-directory.ts';

/** The zone the viewer reads times in: core's one rule (their own, else their college's, else UTC). */
export function useViewerZone(): string {
  const { user } = useAuth();
  const dir = useDirectory();
  const inst = dir.data?.institutions.find((i) => i.id === user?.institutionId);
  return viewerZoneOf(user?.timeZone, inst?.timeZone);
}
