/** Point reads of current-state rows by id, used by the writers and the query API. */
import type { ReadableDB } from './db-types.ts';
import { queryAll, queryOne } from './exec.ts';
import type { DirectoryRow, GroupRow, UserRow } from './rows.ts';
import { sql } from './sql.ts';

export function getDirectoryRow(db: ReadableDB, profileId: string, id: string): DirectoryRow | undefined {
  return queryOne<DirectoryRow>(db, sql`SELECT * FROM directories WHERE profile_id = ${profileId} AND id = ${id}`);
}

export function getUserRow(db: ReadableDB, profileId: string, id: string): UserRow | undefined {
  return queryOne<UserRow>(db, sql`SELECT * FROM users WHERE profile_id = ${profileId} AND id = ${id}`);
}

export function getGroupRow(db: ReadableDB, profileId: string, id: string): GroupRow | undefined {
  return queryOne<GroupRow>(db, sql`SELECT * FROM groups WHERE profile_id = ${profileId} AND id = ${id}`);
}

export function groupIdsOfUser(db: ReadableDB, profileId: string, userId: string): string[] {
  return queryAll<{ group_id: string }>(
    db,
    sql`SELECT group_id FROM memberships WHERE profile_id = ${profileId} AND user_id = ${userId} ORDER BY group_id`,
  ).map((r) => r.group_id);
}

export function userIdsOfGroup(db: ReadableDB, profileId: string, groupId: string): string[] {
  return queryAll<{ user_id: string }>(
    db,
    sql`SELECT user_id FROM memberships WHERE profile_id = ${profileId} AND group_id = ${groupId} ORDER BY user_id`,
  ).map((r) => r.user_id);
}
