/** Groups: keyset-paginated lists with search, and a group's details. */
import type { GroupDetail, GroupSummary } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { GroupRow } from '../rows.ts';
import { membershipsOfUser } from '../memberships-of-users.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { ftsPrefixQuery } from './fts.ts';
import { decodeCursor, finishPage } from './keyset.ts';
import { foldText, substringPhrase, SUBSTRING_MIN, tokenize } from './user-search.ts';
import { parseJsonObject, toGroupSummary, toTombstone } from './row-mappers.ts';
import { latestTombstone, type PageResult } from './users-query.ts';

export interface GroupListQuery {
  profileId: string;
  directoryId?: string;
  userId?: string;
  search?: string;
  cursor?: string;
  limit: number;
}

type GroupListRow = GroupRow & { directory_name: string; members: number };

// Member counts come from the trigger-kept `group_member_counts` (migration 10): counting the
// memberships of a page's groups walked ~970,000 index entries for one page at 1M users.
function selectGroups(where: SqlFragment, tail: SqlFragment): SqlFragment {
  return sql`SELECT g.*, d.name AS directory_name, coalesce(c.members, 0) AS members
             FROM groups g JOIN directories d ON d.profile_id = g.profile_id AND d.id = g.directory_id
             LEFT JOIN group_member_counts c ON c.profile_id = g.profile_id AND c.group_id = g.id
             WHERE ${where} ${tail}`;
}

/** A groups list's conditions, without its cursor. */
function groupsWhere(q: GroupListQuery): SqlFragment[] {
  const where: SqlFragment[] = [sql`g.profile_id = ${q.profileId}`];
  if (q.directoryId) where.push(sql`g.directory_id = ${q.directoryId}`);
  if (q.userId)
    where.push(
      // Driven from the user's memberships (one seek in its directory), not by probing every group.
      sql`g.id IN (SELECT m.group_id FROM memberships m WHERE ${membershipsOfUser(q.profileId, q.userId)})`,
    );
  if (q.search) where.push(...groupSearchWhere(q.search));
  return where;
}

/**
 * Words of three or more characters match anywhere in a group's name or IdP id ("ales" finds
 * Sales; trigram index of migration 17); shorter ones match word prefixes ("sa" finds Sales).
 */
function groupSearchWhere(search: string): SqlFragment[] {
  // A word without a letter or digit filters nothing, as in user search.
  const words = search
    .trim()
    .split(/\s+/u)
    .filter((w) => tokenize(w).length > 0)
    .slice(0, 12);
  const long = words.map(foldText).filter((w) => [...w].length >= SUBSTRING_MIN);
  const short = ftsPrefixQuery(words.filter((w) => [...foldText(w)].length < SUBSTRING_MIN).join(' '));
  const where: SqlFragment[] = [];
  if (long.length > 0) {
    const match = long.map(substringPhrase).join(' AND ');
    where.push(sql`g.seq IN (SELECT rowid FROM groups_trigram_fts WHERE groups_trigram_fts MATCH ${match})`);
  }
  if (short) where.push(sql`g.seq IN (SELECT rowid FROM groups_fts WHERE groups_fts MATCH ${short})`);
  return where;
}

/** One page of a groups list (the query `listGroups` runs). */
export function groupsPageQuery(q: GroupListQuery): SqlFragment {
  const where = groupsWhere(q);
  const after = decodeCursor(q.cursor, 2);
  if (after) where.push(sql`(g.sort_name, g.id) > (${after[0]!}, ${after[1]!})`);
  return selectGroups(joinSql(where, ' AND '), sql`ORDER BY g.sort_name, g.id LIMIT ${q.limit + 1}`);
}

export function listGroups(db: ReadableDB, q: GroupListQuery): PageResult<GroupSummary> {
  const total = q.cursor
    ? null
    : queryOne<{ n: number }>(db, sql`SELECT count(*) AS n FROM groups g WHERE ${joinSql(groupsWhere(q), ' AND ')}`)!.n;
  const rows = queryAll<GroupListRow>(db, groupsPageQuery(q));
  const page = finishPage(rows, q.limit, (r) => [r.sort_name, r.id]);
  return { items: page.rows.map(toGroupSummary), nextCursor: page.nextCursor, total };
}

export function getGroupDetail(db: ReadableDB, profileId: string, groupId: string): GroupDetail {
  const row = queryOne<GroupListRow>(db, selectGroups(sql`g.profile_id = ${profileId} AND g.id = ${groupId}`, sql``));
  const tomb = latestTombstone(db, profileId, groupId);
  return {
    group: row ? toGroupSummary(row) : null,
    raw: row ? parseJsonObject(row.raw_json) : null,
    firstSeenAt: row?.first_seen_at ?? null,
    tombstone: tomb && (row === undefined || tomb.restored_at === null) ? toTombstone(tomb) : null,
  };
}
