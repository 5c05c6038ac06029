import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

/** Loading, failed or loaded: what every screen that reads the api renders from. */
export type TApiState<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after a change, or from a "Try again" button). */
  reload: () => void;
  /** Replaces the data locally, e.g. with the event a mutation returned. */
  setData: (data: T) => void;
};

/**
 * Runs `load` when `deps` change, aborting the previous request, and keeps the last data while
 * reloading so the screen does not flash empty.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): TApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: callers pass the inputs of `load` as deps.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
