/**
 * The rate-limit bound: the least wall time WorkOS's limits allow for the requests a sync
 * actually made.
 *
 *   bound = max( R_key / (6000 × scale / 60 s),  max over directories d of  R_d / (4 × scale / s) )
 *
 * R_key is every request the key made (all endpoints share the key's 6,000/min bucket); R_d is
 * the requests on `/directory_users` (list, `?group=` and `/:id`) for directory d, which also pass
 * through that directory's 4/s bucket. The buckets drain in parallel, so the slowest one decides.
 * Counts come from the emulator's own counters, so the bound is the server's view, not the
 * client's claim. It is the steady-state bound: a sliding window lets a fresh bucket take one
 * window's worth at once (4 × scale requests per directory, 6000 × scale for the key), which a
 * client that paces evenly does not use; on these sizes that is under 2 % of the bound.
 */
import type { EmulatorStats } from '../../src/emulator/index.ts';

export interface BoundInput {
  keyRequests: number;
  directoryUsersRequests: Record<string, number>;
  scale: number;
}

export interface Bound {
  seconds: number;
  keySeconds: number;
  directorySeconds: number;
  /** Which bucket decides: 'key' or the id of the busiest directory. */
  limitedBy: string;
}

export const KEY_LIMIT_PER_MINUTE = 6000;
export const DIRECTORY_USERS_PER_SECOND = 4;

export function rateLimitBound(input: BoundInput): Bound {
  const keyPerSecond = (KEY_LIMIT_PER_MINUTE * input.scale) / 60;
  const dirPerSecond = DIRECTORY_USERS_PER_SECOND * input.scale;
  const keySeconds = input.keyRequests / keyPerSecond;
  let directorySeconds = 0;
  let busiest = '';
  for (const [id, n] of Object.entries(input.directoryUsersRequests)) {
    if (n / dirPerSecond > directorySeconds) {
      directorySeconds = n / dirPerSecond;
      busiest = id;
    }
  }
  return {
    seconds: Math.max(keySeconds, directorySeconds),
    keySeconds,
    directorySeconds,
    limitedBy: keySeconds >= directorySeconds ? 'key' : busiest,
  };
}

/** The bound for what the emulator saw (429-refused attempts excluded from the key count). */
export function boundFromStats(stats: EmulatorStats, scale: number): Bound {
  return rateLimitBound({
    keyRequests: stats.requests - stats.rateLimited.key,
    directoryUsersRequests: stats.directoryUsersRequests,
    scale,
  });
}

export function requestsByEndpoint(stats: EmulatorStats): Record<string, number> {
  return Object.fromEntries(Object.entries(stats.byEndpoint).sort(([a], [b]) => a.localeCompare(b)));
}
