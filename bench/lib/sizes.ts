/** Data sizes per scenario: the sizes, and `--quick` ones that finish in under two minutes. */
export interface Sizes {
  large: { users: number; groups: number };
  fleet: { directories: number; users: number };
  /** Time boxes for the slow usual ways; past them the figure is extrapolated (and says so). */
  usual: { sdkCapSeconds: number; getUserCapSeconds: number };
  /** Runs on the query scenario's cache (same users, directories and diff changes). */
  incremental: { cacheUsers: number; directories: number; changes: number; diffChanges: number };
  ingest: { users: number; changedShare: number };
  queries: { users: number; directories: number; diffChanges: number; samples: number };
  /** Sizes measured; `target` is the size the figure is about. */
  memory: { users: number[]; target: number; scale: number; latencyMs: number };
  ui: { users: number; directories: number; scrollRows: number; diffChanges: number };
  /** Team server: `users` per directory; sessions browse for `quietSeconds`, then during a full sync. */
  team: { directories: number; users: number; sessions: number; quietSeconds: number; soloCalls: number };
}

export const FULL_SIZES: Sizes = {
  large: { users: 100_000, groups: 2000 },
  fleet: { directories: 50, users: 2000 },
  usual: { sdkCapSeconds: 240, getUserCapSeconds: 120 },
  incremental: { cacheUsers: 1_000_000, directories: 200, changes: 10_000, diffChanges: 100_000 },
  ingest: { users: 50_000, changedShare: 0.1 },
  queries: { users: 1_000_000, directories: 200, diffChanges: 100_000, samples: 60 },
  memory: { users: [100_000, 1_000_000], target: 1_000_000, scale: 100, latencyMs: 5 },
  ui: { users: 1_000_000, directories: 200, scrollRows: 10_000, diffChanges: 100_000 },
  team: { directories: 20, users: 5000, sessions: 50, quietSeconds: 20, soloCalls: 100 },
};

export const QUICK_SIZES: Sizes = {
  large: { users: 3000, groups: 60 },
  fleet: { directories: 5, users: 500 },
  usual: { sdkCapSeconds: 8, getUserCapSeconds: 5 },
  incremental: { cacheUsers: 5000, directories: 5, changes: 1000, diffChanges: 500 },
  ingest: { users: 5000, changedShare: 0.1 },
  queries: { users: 5000, directories: 5, diffChanges: 500, samples: 20 },
  memory: { users: [1000, 4000], target: 1_000_000, scale: 100, latencyMs: 5 },
  ui: { users: 5000, directories: 5, scrollRows: 1000, diffChanges: 500 },
  team: { directories: 3, users: 1000, sessions: 50, quietSeconds: 5, soloCalls: 40 },
};
