/**
 * Version 20: the name index also holds each user's search text, so a search walks the name
 * order testing index entries instead of reading each user's row. At 1M users a broad search
 * drove from its FTS matches: one seek per match into the seq-keyed sort keys (14,000 matches
 * touched ~11,000 of its leaf pages, 45 MB, on the first search after opening the cache), where
 * a walk of this index reads a few hundred consecutive pages for the same page of results.
 * The index is about 3.7 times larger (207 bytes of search text per user on the bench's cache).
 */
import type { Migration } from './types.ts';

export const migration020: Migration = {
  version: 20,
  name: 'users by name with their search text',
  up: `
DROP INDEX users_by_name;
CREATE INDEX users_by_name ON users (profile_id, sort_name, id, search_text);
`,
};
