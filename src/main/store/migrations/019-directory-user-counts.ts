/**
 * Version 19: users per directory and state, kept by
 * triggers on `users` like `group_member_counts` (migration 10). The Directories screen counted
 * every user of the profile through `users_by_directory_state` (320 ms cold at 1M users) and the
 * Users screen's first page counted the profile's users for its total; both now read one row
 * per directory and state. Every write path (set-based apply, single upserts, removals, cascades
 * from a removed directory or profile) changes `users` rows, so the triggers see every change;
 * an update fires only when it names `state` or `directory_id`, which the writers do only when
 * one moved. Rows left at zero stay (readers skip them).
 */
import type { Migration } from './types.ts';

export const migration019: Migration = {
  version: 19,
  name: 'directory user counts',
  up: `
CREATE TABLE directory_user_counts (
  profile_id   TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  state        TEXT NOT NULL,
  users        INTEGER NOT NULL,
  PRIMARY KEY (profile_id, directory_id, state)
) WITHOUT ROWID;
INSERT INTO directory_user_counts (profile_id, directory_id, state, users)
  SELECT profile_id, directory_id, state, count(*) FROM users GROUP BY profile_id, directory_id, state;
CREATE TRIGGER users_count_insert AFTER INSERT ON users BEGIN
  INSERT INTO directory_user_counts (profile_id, directory_id, state, users) VALUES (new.profile_id, new.directory_id, new.state, 1)
    ON CONFLICT (profile_id, directory_id, state) DO UPDATE SET users = users + 1;
END;
CREATE TRIGGER users_count_delete AFTER DELETE ON users BEGIN
  UPDATE directory_user_counts SET users = users - 1
    WHERE profile_id = old.profile_id AND directory_id = old.directory_id AND state = old.state;
END;
CREATE TRIGGER users_count_move AFTER UPDATE OF profile_id, directory_id, state ON users
  WHEN old.profile_id IS NOT new.profile_id OR old.directory_id IS NOT new.directory_id OR old.state IS NOT new.state
BEGIN
  UPDATE directory_user_counts SET users = users - 1
    WHERE profile_id = old.profile_id AND directory_id = old.directory_id AND state = old.state;
  INSERT INTO directory_user_counts (profile_id, directory_id, state, users) VALUES (new.profile_id, new.directory_id, new.state, 1)
    ON CONFLICT (profile_id, directory_id, state) DO UPDATE SET users = users + 1;
END;
`,
};
