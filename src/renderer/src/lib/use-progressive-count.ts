import { startTransition, useEffect, useState } from 'react';

/** Rows rendered in the first paint of a list. */
const FIRST_CHUNK = 40;
/** Rows added per later task. */
const NEXT_CHUNK = 80;

/**
 * How many of `total` rows to render now. A long list of Mantine rows is thousands of
 * components — a diff with 500 rows in each of its lists kept the main thread busy for ~2 s.
 * The first rows paint at once; the rest follow in small chunks, each in its own task and as a
 * transition, so a click elsewhere is handled between chunks instead of after all of them.
 * `resetKey` starts over when the list is replaced (another diff, another filter).
 */
export function useProgressiveCount(total: number, resetKey: unknown): number {
  const [state, setState] = useState({ key: resetKey, shown: FIRST_CHUNK });
  const shown = state.key === resetKey ? state.shown : FIRST_CHUNK;
  if (state.key !== resetKey) setState({ key: resetKey, shown: FIRST_CHUNK });
  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => {
      startTransition(() => setState((s) => (s.key === resetKey ? { key: s.key, shown: s.shown + NEXT_CHUNK } : s)));
    }, 0);
    return () => clearTimeout(timer);
  }, [shown, total, resetKey]);
  return Math.min(shown, total);
}
