/** Point reads of current-state rows by id, used by the writers and the query API. */
import type { ReadableDB } from './db-types.ts';
import { queryAll, queryOne } from './exec.ts';
import type { DirectoryRow, GroupRow, UserRow } from './rows.ts';
import { membershipsOfUsers, type UserInDirectory } from './memberships-of-users.ts';
import { sql, type SqlFragment } from './sql.ts';

export function getDirectoryRow(db: ReadableDB, profileId: string, id: string): DirectoryRow | undefined {
  return queryOne<DirectoryRow>(db, sql`SELECT * FROM directories WHERE profile_id = ${profileId} AND id = ${id}`);
}

export function getUserRow(db: ReadableDB, profileId: string, id: string): UserRow | undefined {
  return queryOne<UserRow>(db, sql`SELECT * FROM users WHERE profile_id = ${profileId} AND id = ${id}`);
}

export function getGroupRow(db: ReadableDB, profileId: string, id: string): GroupRow | undefined {
  return queryOne<GroupRow>(db, sql`SELECT * FROM groups WHERE profile_id = ${profileId} AND id = ${id}`);
}

/** Existence only: answered from the unique index, without reading the row (raw JSON and all). */
export function directoryExists(db: ReadableDB, profileId: string, id: string): boolean {
  return (
    queryOne<{ n: number }>(db, sql`SELECT 1 AS n FROM directories WHERE profile_id = ${profileId} AND id = ${id}`) !==
    undefined
  );
}

export function userExists(db: ReadableDB, profileId: string, id: string): boolean {
  return (
    queryOne<{ n: number }>(db, sql`SELECT 1 AS n FROM users WHERE profile_id = ${profileId} AND id = ${id}`) !==
    undefined
  );
}

export function groupExists(db: ReadableDB, profileId: string, id: string): boolean {
  return (
    queryOne<{ n: number }>(db, sql`SELECT 1 AS n FROM groups WHERE profile_id = ${profileId} AND id = ${id}`) !==
    undefined
  );
}

/** The `updated_at` the cache holds for a user or group (what out-of-order events compare with). */
export function userUpdatedAt(db: ReadableDB, profileId: string, id: string): string | undefined {
  return queryOne<{ updated_at: string }>(
    db,
    sql`SELECT updated_at FROM users WHERE profile_id = ${profileId} AND id = ${id}`,
  )?.updated_at;
}

export function groupUpdatedAt(db: ReadableDB, profileId: string, id: string): string | undefined {
  return queryOne<{ updated_at: string }>(
    db,
    sql`SELECT updated_at FROM groups WHERE profile_id = ${profileId} AND id = ${id}`,
  )?.updated_at;
}

/** A cached user's groups: one seek of the membership index, in its own directory. */
export function groupIdsOfUser(db: ReadableDB, profileId: string, user: UserInDirectory): string[] {
  return queryAll<{ group_id: string }>(db, groupIdsOfUserQuery(profileId, user)).map((r) => r.group_id);
}

export function groupIdsOfUserQuery(profileId: string, user: UserInDirectory): SqlFragment {
  return sql`SELECT m.group_id FROM memberships m WHERE ${membershipsOfUsers(profileId, [user])} ORDER BY m.group_id`;
}

export function userIdsOfGroup(db: ReadableDB, profileId: string, groupId: string): string[] {
  return queryAll<{ user_id: string }>(
    db,
    sql`SELECT user_id FROM memberships WHERE profile_id = ${profileId} AND group_id = ${groupId} ORDER BY user_id`,
  ).map((r) => r.user_id);
}
