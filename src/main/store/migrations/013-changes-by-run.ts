/**
 * Version 13: the change rows of each sync run, by directory and time, for the Changes screen —
 * which directories a run touched and how many changes it logged in each, and where the newest
 * run with changes begins. Partial: first snapshots (baseline rows, one per user and membership)
 * and webhook rows (no run) stay out, so only real changes pay for the entry.
 */
import type { Migration } from './types.ts';

export const migration013: Migration = {
  version: 13,
  name: 'change rows by sync run',
  up: `
CREATE INDEX changes_by_run ON changes (run_id, directory_id, at) WHERE baseline = 0 AND run_id IS NOT NULL;
`,
};
