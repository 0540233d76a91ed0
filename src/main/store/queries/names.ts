/** Names for ids in history answers: the current record, else the tombstone's last record. */
import type { ReadableDB } from '../db-types.ts';
import { queryOne } from '../exec.ts';
import { displayName } from '../records.ts';
import type { GroupRow, UserRow } from '../rows.ts';
import { sql } from '../sql.ts';
import { parseJsonObject, userDisplayName } from './row-mappers.ts';

export interface UserRef {
  id: string;
  displayName: string;
  email: string | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function userRef(db: ReadableDB, profileId: string, userId: string): UserRef {
  const row = queryOne<UserRow>(db, sql`SELECT * FROM users WHERE profile_id = ${profileId} AND id = ${userId}`);
  if (row) return { id: userId, displayName: userDisplayName(row), email: row.email };
  const tomb = queryOne<{ last_record_json: string }>(
    db,
    sql`SELECT last_record_json FROM tombstones WHERE profile_id = ${profileId} AND entity_id = ${userId} ORDER BY seq DESC LIMIT 1`,
  );
  if (!tomb) return { id: userId, displayName: userId, email: null };
  const r = parseJsonObject(tomb.last_record_json);
  const email = str(r.email);
  return {
    id: userId,
    displayName: displayName({
      name: str(r.name),
      firstName: str(r.first_name),
      lastName: str(r.last_name),
      email,
      username: str(r.username),
      id: userId,
    }),
    email,
  };
}

export function groupName(db: ReadableDB, profileId: string, groupId: string): string {
  const row = queryOne<Pick<GroupRow, 'name'>>(
    db,
    sql`SELECT name FROM groups WHERE profile_id = ${profileId} AND id = ${groupId}`,
  );
  if (row) return row.name;
  const tomb = queryOne<{ last_record_json: string }>(
    db,
    sql`SELECT last_record_json FROM tombstones WHERE profile_id = ${profileId} AND entity_id = ${groupId} ORDER BY seq DESC LIMIT 1`,
  );
  return str(tomb ? parseJsonObject(tomb.last_record_json).name : null) ?? groupId;
}

export function directoryName(db: ReadableDB, profileId: string, directoryId: string): string {
  const row = queryOne<{ name: string }>(
    db,
    sql`SELECT name FROM directories WHERE profile_id = ${profileId} AND id = ${directoryId}`,
  );
  if (row) return row.name;
  const tomb = queryOne<{ last_record_json: string }>(
    db,
    sql`SELECT last_record_json FROM tombstones WHERE profile_id = ${profileId} AND entity_id = ${directoryId} ORDER BY seq DESC LIMIT 1`,
  );
  return str(tomb ? parseJsonObject(tomb.last_record_json).name : null) ?? directoryId;
}

export function entityName(
  db: ReadableDB,
  profileId: string,
  type: 'directory' | 'user' | 'group',
  id: string,
): string {
  if (type === 'user') return userRef(db, profileId, id).displayName;
  if (type === 'group') return groupName(db, profileId, id);
  return directoryName(db, profileId, id);
}
