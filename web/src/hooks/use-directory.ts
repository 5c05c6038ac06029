import { useAuth } from '../lib/auth.tsx';
import { loadDirectory, type TDirectory } from '../lib/directory.ts';
import { type TApiState, useApi } from './use-api.ts';

/** Colleges, agreements and groups for the signed-in user. */
export function useDirectory(): TApiState<TDirectory> {
  const { user } = useAuth();
  return useApi(() => loadDirectory(user?.id ?? ''), [user?.id]);
}
