/**
 * Version 5: the change log loses `changes_by_run`. No query filters changes by run (diffs and
 * timelines go by time and entity), and every change row paid for its entry: a first snapshot
 * writes a row per user and per membership, so one index fewer is a large share of the apply.
 */
import type { Migration } from './types.ts';

export const migration005: Migration = {
  version: 5,
  name: 'drop unused change-log index',
  up: `
DROP INDEX IF EXISTS changes_by_run;
`,
};
