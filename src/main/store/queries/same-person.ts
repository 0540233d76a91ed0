/**
 * The same person in other directories: records with the same email, compared
 * case-insensitively through `users_by_email` (profile_id, lower(email)) — one index range.
 */
import type { UserDetail } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import type { UserRow } from '../rows.ts';
import { sql } from '../sql.ts';
import { userDisplayName } from './row-mappers.ts';

/** More than this many records sharing one email is a shared mailbox, not one person. */
const MAX_SAME_EMAIL = 50;

export function sameEmailElsewhere(
  db: ReadableDB,
  profileId: string,
  user: { id: string; email: string | null; directoryId: string },
): NonNullable<UserDetail['sameEmail']> {
  if (!user.email) return [];
  const rows = queryAll<UserRow & { directory_name: string }>(
    db,
    sql`SELECT u.*, d.name AS directory_name FROM users u
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        WHERE u.profile_id = ${profileId} AND lower(u.email) = lower(${user.email})
          AND u.directory_id <> ${user.directoryId} AND u.id <> ${user.id}
        LIMIT ${MAX_SAME_EMAIL}`,
  );
  return rows
    .map((r) => ({
      id: r.id,
      displayName: userDisplayName(r),
      email: r.email,
      state: r.state,
      directoryId: r.directory_id,
      directoryName: r.directory_name,
    }))
    .sort((a, b) => a.directoryName.localeCompare(b.directoryName) || a.id.localeCompare(b.id));
}
