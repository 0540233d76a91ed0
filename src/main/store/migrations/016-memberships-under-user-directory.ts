/**
 * Version 16: a membership is filed under its user's directory (`membership-homes.ts`), so a
 * user's memberships are one seek of `memberships_by_directory_user` instead of one per
 * directory of the profile. Migration 12 filed each pair under its group's directory; the two
 * differ only where records disagreed (an event pairing a user and a group of different
 * directories, a group that moved), and such pairs are re-filed here. The trigger that moved a
 * group's pairs with the group is dropped: the writers now keep each pair under its user.
 */
import type { Migration } from './types.ts';

export const migration016: Migration = {
  version: 16,
  name: 'memberships filed under their user directory',
  up: `
DROP TRIGGER IF EXISTS groups_move_memberships;
UPDATE memberships AS m
  SET directory_id = u.directory_id
  FROM users u
  WHERE u.profile_id = m.profile_id AND u.id = m.user_id AND u.directory_id <> m.directory_id;
`,
};
