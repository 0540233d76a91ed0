/**
 * Version 4: indexes for the health and sync-history views — per-directory user counts by
 * state without scanning every user, and the latest runs of a profile by finish time.
 */
import type { Migration } from './types.ts';

export const migration004: Migration = {
  version: 4,
  name: 'health indexes',
  up: `
CREATE INDEX users_by_directory_state ON users (profile_id, directory_id, state);
CREATE INDEX sync_runs_by_finish ON sync_runs (profile_id, status, finished_at);
`,
};
