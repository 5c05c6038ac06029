import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (a countdown ticks each second, a "now" line each minute). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
