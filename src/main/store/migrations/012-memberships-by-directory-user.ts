/**
 * Version 12: memberships are found by user through an index that starts with the directory,
 * `(profile_id, directory_id, user_id, group_id)`, instead of `memberships_by_user`
 * `(profile_id, user_id, …)`. User ids of different directories interleave, so applying a
 * directory's snapshot wrote its pairs into every part of the old index: each apply rewrote
 * most of its pages, more with every directory cached (bench/apply-timing.ts (b), 50 × 2,000
 * users: 640k WAL pages and 27.1 s of applies with it, 423k and 19.0 s with this one). A
 * directory's pairs now land side by side.
 *
 * The index is no longer usable for the foreign key from `user_id` to users (SQLite needs the
 * child key first), so the table is rebuilt without that key: a user is deleted only by
 * `removeUser`, which deletes its memberships first (as the cascade did), and directories and
 * profiles still cascade through groups. Lookups by user search every directory
 * (`membershipsOfUsers`), so a membership's `directory_id` must be its group's: the rebuild takes
 * it from the group, and a trigger moves a group's memberships with it.
 */
import type { Migration } from './types.ts';

export const migration012: Migration = {
  version: 12,
  name: 'memberships by directory, then user',
  up: `
CREATE TABLE memberships_v12 (
  profile_id   TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  since        TEXT NOT NULL,
  PRIMARY KEY (profile_id, group_id, user_id),
  FOREIGN KEY (profile_id, group_id) REFERENCES groups(profile_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO memberships_v12 (profile_id, group_id, user_id, directory_id, since)
  SELECT m.profile_id, m.group_id, m.user_id, g.directory_id, m.since
  FROM memberships m JOIN groups g ON g.profile_id = m.profile_id AND g.id = m.group_id
  ORDER BY m.profile_id, m.group_id, m.user_id;
DROP TABLE memberships;
ALTER TABLE memberships_v12 RENAME TO memberships;
CREATE INDEX memberships_by_directory_user ON memberships (profile_id, directory_id, user_id, group_id);
CREATE TRIGGER groups_move_memberships AFTER UPDATE OF directory_id ON groups
  WHEN new.directory_id IS NOT old.directory_id BEGIN
  UPDATE memberships SET directory_id = new.directory_id WHERE profile_id = new.profile_id AND group_id = new.id;
END;
CREATE TRIGGER memberships_count_insert AFTER INSERT ON memberships BEGIN
  INSERT INTO group_member_counts (profile_id, group_id, members) VALUES (new.profile_id, new.group_id, 1)
    ON CONFLICT (profile_id, group_id) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER memberships_count_delete AFTER DELETE ON memberships BEGIN
  UPDATE group_member_counts SET members = members - 1
    WHERE profile_id = old.profile_id AND group_id = old.group_id;
END;
CREATE TRIGGER memberships_count_move AFTER UPDATE OF profile_id, group_id ON memberships BEGIN
  UPDATE group_member_counts SET members = members - 1
    WHERE profile_id = old.profile_id AND group_id = old.group_id;
  INSERT INTO group_member_counts (profile_id, group_id, members) VALUES (new.profile_id, new.group_id, 1)
    ON CONFLICT (profile_id, group_id) DO UPDATE SET members = members + 1;
END;
`,
};
