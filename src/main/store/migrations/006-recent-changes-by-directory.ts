/**
 * Version 6: the Directories screen shows each directory's changes of the last 24 hours. With
 * only `changes_by_time`, counting them read every change row of the last day (a first snapshot
 * writes one baseline row per user and per membership: 1.4M rows on a 200k-user cache, 184 s for
 * 200 directories). A partial index over the non-baseline rows makes each count a short index
 * range, and baseline rows (the bulk of every first sync) do not pay for it.
 */
import type { Migration } from './types.ts';

export const migration006: Migration = {
  version: 6,
  name: 'recent changes by directory',
  up: `
CREATE INDEX IF NOT EXISTS changes_by_directory ON changes (profile_id, directory_id, at) WHERE baseline = 0;
`,
};
