/** Counters tests read through `control.stats()`: traffic, 429s served, violations, faults. */
export interface EmulatorStats {
  requests: number;
  /** Keyed by `METHOD /route/pattern`, e.g. `GET /directory_users`. */
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  /** Requests per directory on /directory_users (what the 4 req/s rule meters). */
  directoryUsersRequests: Record<string, number>;
  rateLimited: { key: number; directory: number; fault: number; total: number };
  /** Requests that arrived while the client should still have been waiting after a 429. */
  violations: { key: number; directory: number; total: number };
  faults: {
    delayed: number;
    reset: number;
    rateLimited: number;
    serverError: number;
    slowBody: number;
    malformed: number;
  };
}

export function emptyStats(): EmulatorStats {
  return {
    requests: 0,
    byEndpoint: {},
    byStatus: {},
    directoryUsersRequests: {},
    rateLimited: { key: 0, directory: 0, fault: 0, total: 0 },
    violations: { key: 0, directory: 0, total: 0 },
    faults: { delayed: 0, reset: 0, rateLimited: 0, serverError: 0, slowBody: 0, malformed: 0 },
  };
}

export function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
