/**
 * Version 14: a sync run keeps its warnings (JSON array of sentences), e.g. "WorkOS returned 3
 * users of another directory for directory Acme (directory_…); ignored." — records a
 * directory-scoped list returned that belong elsewhere (sync/directory-scope.ts). NULL: none.
 */
import type { Migration } from './types.ts';

export const migration014: Migration = {
  version: 14,
  name: 'sync run warnings',
  up: `ALTER TABLE sync_runs ADD COLUMN warnings_json TEXT;`,
};
