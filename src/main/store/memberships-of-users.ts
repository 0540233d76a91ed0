/**
 * The conditions that find users' memberships (alias `m`) through `memberships_by_directory_user`
 * `(profile_id, directory_id, user_id, group_id)` (migration 12): one index seek per user, with
 * the directory bound to the user's own.
 *
 * That is exact because a membership is filed under its user's directory: the writers keep it so
 * (`membership-homes.ts`). For the data WorkOS sends this is also its group's directory; where a
 * hostile or inconsistent record puts a user and a group in different directories, or moves one
 * of them, the pair follows the user. Searching every directory of the profile instead (as the
 * lookups did until this change) costs one seek per directory: 200 directories made removing one
 * user 11–27 ms at 1M users, and events applied at 37 per second.
 */
import { joinSql, sql, type SqlFragment } from './sql.ts';

/** A user to look up: its id and the directory of its `users` row. */
export interface UserInDirectory {
  id: string;
  directoryId: string;
}

/**
 * The memberships of users whose directories are known (e.g. rows just read): one seek per user,
 * as a row-value IN list (an OR of per-directory terms was planned as a walk of the profile).
 */
export function membershipsOfUsers(profileId: string, users: readonly UserInDirectory[]): SqlFragment {
  if (users.length === 0) return sql`0`;
  if (users.length === 1) {
    return sql`m.profile_id = ${profileId} AND m.directory_id = ${users[0]!.directoryId} AND m.user_id = ${users[0]!.id}`;
  }
  const rows = users.map((u) => sql`(${u.directoryId}, ${u.id})`);
  return sql`m.profile_id = ${profileId} AND (m.directory_id, m.user_id) IN (VALUES ${joinSql(rows, ', ')})`;
}

/** The memberships of one user known by id only: its directory is read from its row (one seek). */
export function membershipsOfUser(profileId: string, userId: string): SqlFragment {
  return sql`m.profile_id = ${profileId}
             AND m.directory_id = (SELECT u.directory_id FROM users u WHERE u.profile_id = ${profileId} AND u.id = ${userId})
             AND m.user_id = ${userId}`;
}
