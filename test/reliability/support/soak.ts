/**
 * CI runs the reliability suite at small sizes; `npm run test:soak` (DSYNC_SOAK=1) runs the
 * sizes the issue names. Every test reads its size from here so the two never drift apart.
 */
export const SOAK = process.env.DSYNC_SOAK === '1';

/** `ci` normally, `soak` under DSYNC_SOAK=1. */
export function size<T>(ci: T, soak: T): T {
  return SOAK ? soak : ci;
}

/** Seed for the suite's PRNGs: fixed by default so a failure replays; override with DSYNC_SEED. */
export function suiteSeed(fallback: number): number {
  const fromEnv = Number(process.env.DSYNC_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : fallback;
}

/** Prints one line of what a test tried, prefixed so it stands out in the vitest output. */
export function report(test: string, line: string): void {
  console.log(`[${test}] ${line}`);
}
