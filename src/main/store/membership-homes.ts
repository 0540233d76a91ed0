/**
 * Where a membership is filed: under its user's directory (`memberships.directory_id`), so a
 * user's memberships are one range of `memberships_by_directory_user` (`memberships-of-users.ts`).
 * Inserts take the user's directory; these keep it true when a user or a group moves.
 */
import type { WritableDB } from './db-types.ts';
import { execute } from './exec.ts';
import { sql } from './sql.ts';

/** A user whose directory changed (row `seq`, already updated): its memberships follow it. */
export function moveUserMemberships(
  db: WritableDB,
  profileId: string,
  userSeq: number,
  from: string,
  to: string,
): void {
  execute(
    db,
    sql`UPDATE memberships SET directory_id = ${to}
        WHERE profile_id = ${profileId} AND directory_id = ${from}
          AND user_id = (SELECT id FROM users WHERE seq = ${userSeq})`,
  );
}

/**
 * A group whose directory changed: its pairs stay under their users' directories. Caches that
 * migration 12 filed under the group's directory are re-filed by migration 16; this re-files any
 * pair of the group still under another directory than its user's. Groups move only when a
 * record says so (WorkOS does not move them).
 */
export function refileGroupMemberships(db: WritableDB, profileId: string, groupId: string): void {
  execute(
    db,
    sql`UPDATE memberships AS m
        SET directory_id = u.directory_id
        FROM users u
        WHERE m.profile_id = ${profileId} AND m.group_id = ${groupId}
          AND u.profile_id = m.profile_id AND u.id = m.user_id AND u.directory_id <> m.directory_id`,
  );
}
