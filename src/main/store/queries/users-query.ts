/** Users: keyset-paginated lists with search and filters, and a user's details. */
import type { UserDetail, UserSummary } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { TombstoneRow, UserRow } from '../rows.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { ftsPrefixQuery } from './fts.ts';
import { decodeCursor, finishPage } from './keyset.ts';
import { parseJsonObject, toTombstone, toUserSummary } from './row-mappers.ts';

export interface UserListQuery {
  profileId: string;
  directoryId?: string;
  groupId?: string;
  state?: string;
  search?: string;
  customAttribute?: { key: string; value: string };
  sort: 'name' | 'updatedAt';
  order: 'asc' | 'desc';
  cursor?: string;
  limit: number;
}

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
}

/** JSON path for one custom attribute key, quoted so dots and quotes in keys stay literal. */
export function attributePath(key: string): string {
  return `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function userFilters(q: Omit<UserListQuery, 'sort' | 'order' | 'cursor' | 'limit'>): SqlFragment[] {
  const where: SqlFragment[] = [sql`u.profile_id = ${q.profileId}`];
  if (q.directoryId) where.push(sql`u.directory_id = ${q.directoryId}`);
  if (q.state) where.push(sql`u.state = ${q.state}`);
  if (q.groupId)
    where.push(
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = u.profile_id AND m.user_id = u.id AND m.group_id = ${q.groupId})`,
    );
  if (q.customAttribute) {
    where.push(
      sql`json_extract(u.custom_attributes, ${attributePath(q.customAttribute.key)}) = ${q.customAttribute.value}`,
    );
  }
  const match = q.search ? ftsPrefixQuery(q.search) : null;
  if (match) where.push(sql`u.seq IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ${match})`);
  return where;
}

export function listUsers(db: ReadableDB, q: UserListQuery): PageResult<UserSummary> {
  const where = userFilters(q);
  const after = decodeCursor(q.cursor, 2);
  const sortColumn = q.sort === 'name' ? sql`u.sort_name` : sql`u.updated_at`;
  if (after) {
    const [value, id] = after as [string, string];
    where.push(
      q.order === 'asc'
        ? sql`(${sortColumn}, u.id) > (${value}, ${id})`
        : sql`(${sortColumn}, u.id) < (${value}, ${id})`,
    );
  }
  const orderBy =
    q.order === 'asc' ? sql`ORDER BY ${sortColumn} ASC, u.id ASC` : sql`ORDER BY ${sortColumn} DESC, u.id DESC`;
  const rows = queryAll<UserRow & { directory_name: string }>(
    db,
    sql`SELECT u.*, d.name AS directory_name FROM users u
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        WHERE ${joinSql(where, ' AND ')} ${orderBy} LIMIT ${q.limit + 1}`,
  );
  const page = finishPage(rows, q.limit, (r) => [q.sort === 'name' ? r.sort_name : r.updated_at, r.id]);
  const total = q.cursor ? null : countUsers(db, q);
  return { items: page.rows.map(toUserSummary), nextCursor: page.nextCursor, total };
}

export function countUsers(db: ReadableDB, q: Omit<UserListQuery, 'sort' | 'order' | 'cursor' | 'limit'>): number {
  return queryOne<{ n: number }>(db, sql`SELECT count(*) AS n FROM users u WHERE ${joinSql(userFilters(q), ' AND ')}`)!
    .n;
}

export function getUserDetail(db: ReadableDB, profileId: string, userId: string): UserDetail {
  const row = queryOne<UserRow & { directory_name: string }>(
    db,
    sql`SELECT u.*, d.name AS directory_name FROM users u
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        WHERE u.profile_id = ${profileId} AND u.id = ${userId}`,
  );
  const groups = queryAll<{ id: string; name: string }>(
    db,
    sql`SELECT g.id, g.name FROM memberships m JOIN groups g ON g.profile_id = m.profile_id AND g.id = m.group_id
        WHERE m.profile_id = ${profileId} AND m.user_id = ${userId} ORDER BY g.sort_name, g.id`,
  );
  const tomb = latestTombstone(db, profileId, userId);
  return {
    user: row ? toUserSummary(row) : null,
    raw: row ? parseJsonObject(row.raw_json) : null,
    groups,
    firstSeenAt: row?.first_seen_at ?? null,
    tombstone: tomb && (row === undefined || tomb.restored_at === null) ? toTombstone(tomb) : null,
  };
}

export function latestTombstone(db: ReadableDB, profileId: string, entityId: string): TombstoneRow | undefined {
  return queryOne<TombstoneRow>(
    db,
    sql`SELECT * FROM tombstones WHERE profile_id = ${profileId} AND entity_id = ${entityId} ORDER BY seq DESC LIMIT 1`,
  );
}
