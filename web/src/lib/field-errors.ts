import { ApiError } from './api-client.ts';

/** The api's field errors by path (`jurorIds.2`, `days.0.sessions.1.hours`), the first for each. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const f of err.fields) out[f.field] ??= f.message;
  return out;
}

/** Whether the api faulted `path` itself or anything under it (`jurorIds` covers `jurorIds.3`). */
export function faultAt(errors: Record<string, string>, path: string): boolean {
  return Object.keys(errors).some((k) => k === path || k.startsWith(`${path}.`));
}
