import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** Rows rendered in the first paint of a list. */
export const FIRST_CHUNK = 20;
/** Rows added per later task. */
export const NEXT_CHUNK = 30;

/**
 * One chunk per task across every progressive list on the page: separate timers per list fired
 * back to back and React rendered their updates together, one long task again.
 */
const pending: Array<() => void> = [];
let timerSet = false;

function runNextChunk(): void {
  timerSet = false;
  const grow = pending.shift();
  if (grow) flushSync(grow);
  if (pending.length > 0) scheduleChunks();
}

function scheduleChunks(): void {
  if (timerSet) return;
  timerSet = true;
  setTimeout(runNextChunk, 0);
}

/**
 * How many of `total` rows to render now. A long list of Mantine rows is thousands of
 * components — a diff with 500 rows in each of its lists kept the main thread busy for ~1 s in
 * one task. The first rows paint at once; the rest follow in small chunks, one chunk per task,
 * so a click elsewhere is handled between chunks instead of after all of them.
 * `resetKey` starts over when the list is replaced (another diff, another filter).
 */
export function useProgressiveCount(total: number, resetKey: unknown): number {
  const [state, setState] = useState({ key: resetKey, shown: FIRST_CHUNK });
  const shown = state.key === resetKey ? state.shown : FIRST_CHUNK;
  if (state.key !== resetKey) setState({ key: resetKey, shown: FIRST_CHUNK });
  useEffect(() => {
    if (shown >= total) return;
    const grow = (): void => setState((s) => (s.key === resetKey ? { key: s.key, shown: s.shown + NEXT_CHUNK } : s));
    pending.push(grow);
    scheduleChunks();
    return () => {
      const at = pending.indexOf(grow);
      if (at >= 0) pending.splice(at, 1);
    };
  }, [shown, total, resetKey]);
  return Math.min(shown, total);
}

/**
 * The [start, end) ranges of the rows shown, in the chunks they were added in. Rendering each
 * range as its own memoized component means adding a chunk renders only that chunk, not every
 * row shown before it.
 */
export function chunkRanges(shown: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [[0, Math.min(shown, FIRST_CHUNK)]];
  for (let start = FIRST_CHUNK; start < shown; start += NEXT_CHUNK)
    ranges.push([start, Math.min(shown, start + NEXT_CHUNK)]);
  return ranges;
}
