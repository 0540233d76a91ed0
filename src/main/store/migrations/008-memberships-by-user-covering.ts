/**
 * Version 8: `memberships_by_user` carries every column. Deleting a user makes SQLite find its
 * memberships for the foreign key's ON DELETE CASCADE; with no statistics, SQLite 3.53 preferred
 * a range of the primary key on `profile_id` alone over the narrower but non-covering
 * (profile_id, user_id) index — with one profile that is every membership, 1.8 s per deleted
 * user on a 200k-user cache. A covering index is what the planner picks for that lookup.
 */
import type { Migration } from './types.ts';

export const migration008: Migration = {
  version: 8,
  name: 'covering memberships_by_user',
  up: `
DROP INDEX IF EXISTS memberships_by_user;
CREATE INDEX memberships_by_user ON memberships (profile_id, user_id, group_id, directory_id, since);
`,
};
