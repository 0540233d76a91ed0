/**
 * Version 9: each user's sort keys by seq (the FTS rowid). A search that matches thousands of
 * users is sorted for its first page from this small index alone — no read of each matching
 * user's full row (~2 KB with its raw JSON), which cost seconds at a million users.
 */
import type { Migration } from './types.ts';

export const migration009: Migration = {
  version: 9,
  name: 'users sort keys by seq',
  up: `
CREATE INDEX users_sort_keys_by_seq ON users (seq, profile_id, sort_name, updated_at, id);
`,
};
