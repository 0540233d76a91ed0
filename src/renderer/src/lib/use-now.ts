import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs`, so "5 min ago" labels stay true. This only
 * re-renders; it never calls the core.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
