import { useAuth } from '../lib/auth.tsx';
import { browserZone } from '../lib/time.ts';
import { useDirectory } from './use-directory.ts';

/** The zone the viewer reads times in: their own setting, else their college's, else the browser's. */
export function useViewerZone(): string {
  const { user } = useAuth();
  const dir = useDirectory();
  if (user?.timeZone) return user.timeZone;
  const inst = dir.data?.institutions.find((i) => i.id === user?.institutionId);
  return inst?.timeZone ?? browserZone();
}
