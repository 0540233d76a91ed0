/**
 * The condition that finds users' memberships (alias `m`). Memberships are indexed by
 * directory, then user (migration 12), so the lookup names the directories to search: every
 * directory of the profile, one index seek each (200 directories: 200 short seeks). A pair's
 * directory is its group's, so searching all of them finds a user's pairs wherever they are.
 */
import { inList, sql, type SqlFragment, type SqlValue } from './sql.ts';

export function membershipsOfUsers(profileId: string, userIds: readonly SqlValue[]): SqlFragment {
  return sql`m.profile_id = ${profileId}
             AND m.directory_id IN (SELECT d.id FROM directories d WHERE d.profile_id = ${profileId})
             AND m.user_id IN ${inList(userIds)}`;
}
