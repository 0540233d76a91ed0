/**
 * Version 7: two user indexes for the Users screen at a million users —
 * - sorted by "updated", pages walk an index instead of sorting every user for each page;
 * - searching by the start of an email (`alice.smith@exa`) is one range on lower(email),
 *   exact, instead of a token search that also finds every other Alice Smith.
 */
import type { Migration } from './types.ts';

export const migration007: Migration = {
  version: 7,
  name: 'users by updated_at and by email',
  up: `
CREATE INDEX users_by_updated ON users (profile_id, updated_at, id);
CREATE INDEX users_by_email ON users (profile_id, lower(email));
`,
};
