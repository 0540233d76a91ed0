/** Users: keyset-paginated lists with search and filters, and a user's details. */
import type { UserDetail, UserSummary } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { TombstoneRow, UserRow } from '../rows.ts';
import { membershipsOfUser } from '../memberships-of-users.ts';
import { inList, joinSql, sql, type SqlFragment } from '../sql.ts';
import { groupMemberOrder, seqsAfter } from './group-member-order.ts';
import { decodeCursor, finishPage } from './keyset.ts';
import { countUpTo } from './bounded-count.ts';
import {
  countForPlan,
  pageTotal,
  planUserList,
  type PageTotal,
  type UserFilters,
  type UserPlan,
} from './user-list-plan.ts';
import { PROBE_BUDGET, WALK_BUDGET, walkedRows } from './user-list-walk.ts';
import { emailPrefixWord, parseUserSearch, prefixEnd, type UserSearch } from './user-search.ts';
import { matchedField } from './matched-field.ts';
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
  /** `total` is a lower bound: counting stopped there ("1,000+"). */
  totalCapped?: boolean;
}

/**
 * A search with an email-like word (`alice.smith@example.com`, `maria.`) matches the emails that
 * start with it, exactly, when there are any; otherwise the word is matched as text.
 */
function searchOf(db: ReadableDB, profileId: string, input: string | undefined): UserSearch | null {
  if (!input) return null;
  const emailWord = emailPrefixWord(input);
  if (emailWord !== null) {
    const byEmail = parseUserSearch(input, emailWord);
    const prefix = byEmail?.emailPrefix;
    if (prefix && anyEmailStartsWith(db, profileId, prefix)) return byEmail;
  }
  return parseUserSearch(input);
}

function anyEmailStartsWith(db: ReadableDB, profileId: string, prefix: string): boolean {
  return (
    queryOne<{ one: number }>(
      db,
      sql`SELECT 1 AS one FROM users INDEXED BY users_by_email
          WHERE profile_id = ${profileId} AND lower(email) >= ${prefix} AND lower(email) < ${prefixEnd(prefix)} LIMIT 1`,
    ) !== undefined
  );
}

function filtersOf(db: ReadableDB, q: Omit<UserListQuery, 'sort' | 'order' | 'cursor' | 'limit'>): UserFilters {
  return {
    profileId: q.profileId,
    directoryId: q.directoryId,
    groupId: q.groupId,
    state: q.state,
    customAttribute: q.customAttribute,
    search: searchOf(db, q.profileId, q.search),
  };
}

export function listUsers(db: ReadableDB, q: UserListQuery): PageResult<UserSummary> {
  const filters = filtersOf(db, q);
  const sortByName = q.sort === 'name';
  const plan = planUserList(db, filters, sortByName);
  const keptPage = pageFromMemberOrder(db, q, filters, plan);
  let rows = keptPage?.rows ?? pageRows(db, q, filters, plan);
  let drove = plan.mode === 'drive';
  if (rows === null) {
    // Driven; or, with nothing to drive from (a name initial alone, "q"), walked to the end of
    // the index rather than through the probe and the budget that just fell short again.
    const fallback = planUserList(db, filters, sortByName, true);
    rows = walkPage(db, q, filters, fallback, null).rows;
    drove = fallback.mode === 'drive';
  }
  const page = finishPage(rows, q.limit, (r) => [sortByName ? r.sort_name : r.updated_at, r.id]);
  const counted = q.cursor ? null : (keptPage?.counted ?? (drove ? driveCount(rows) : countForPlan(db, filters, plan)));
  return {
    items: page.rows.map((row) => {
      const summary = toUserSummary(row);
      const field = q.search ? matchedField(row, q.search) : null;
      return field ? { ...summary, matchedField: field } : summary;
    }),
    nextCursor: page.nextCursor,
    total: counted?.total ?? null,
    ...(counted?.capped ? { totalCapped: true } : {}),
  };
}

/** A first page's drive counted all its matches (none when it found none); shown capped, as counted totals are. */
function driveCount(rows: readonly ListRow[]): PageTotal {
  return pageTotal(rows[0]?.match_count ?? 0, true);
}

/** `match_count`: every user the page's drive matched (a drive's first page only). */
type ListRow = UserRow & { directory_name: string; match_count?: number };

/**
 * A page of a group's members, nothing else filtering, from the group's kept member order
 * (group-member-order.ts): only the page's rows are read. `null` when the plan is not that
 * drive, or the cursor is not found in the order (SQL answers then).
 */
function pageFromMemberOrder(
  db: ReadableDB,
  q: UserListQuery,
  f: UserFilters,
  plan: UserPlan,
): { rows: ListRow[]; counted: { total: number; capped: boolean } } | null {
  const groupOnly = !f.directoryId && !f.state && !f.search && !f.customAttribute;
  if (plan.mode !== 'drive' || plan.driver !== 'group' || !groupOnly || !f.groupId) return null;
  const order = groupMemberOrder(db, f.profileId, f.groupId, plan, q.sort === 'name');
  if (!order) return null;
  const after = decodeCursor(q.cursor, 2);
  const seqs = seqsAfter(order, after as [string, string] | null, q.order === 'asc', q.limit + 1);
  if (!seqs) return null;
  const found = queryAll<ListRow>(
    db,
    sql`SELECT u.*, d.name AS directory_name FROM users u
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        WHERE u.seq IN ${inList(seqs)}`,
  );
  const bySeq = new Map(found.map((r) => [r.seq, r]));
  return {
    rows: seqs.flatMap((seq) => bySeq.get(seq) ?? []),
    counted: { total: order.seqs.length, capped: false },
  };
}

/**
 * The statement of one page (limit + 1 rows) by the plan, and the sort-key condition after the
 * cursor that a walk's check reuses.
 */
function pageStatement(
  q: UserListQuery,
  filters: UserFilters,
  plan: UserPlan,
  budget: number | null = WALK_BUDGET,
): { statement: SqlFragment; keyAfter: SqlFragment | null; direction: SqlFragment } {
  const sortByName = q.sort === 'name';
  const after = decodeCursor(q.cursor, 2);
  const direction = q.order === 'asc' ? sql`ASC` : sql`DESC`;
  const keyAfter = (column: SqlFragment, idColumn: SqlFragment): SqlFragment | null => {
    if (!after) return null;
    const [value, id] = after as [string, string];
    return q.order === 'asc'
      ? sql`(${column}, ${idColumn}) > (${value}, ${id})`
      : sql`(${column}, ${idColumn}) < (${value}, ${id})`;
  };
  const sortColumn = sortByName ? sql`u.sort_name` : sql`u.updated_at`;
  const walkAfter = keyAfter(sortByName ? sql`sort_name` : sql`updated_at`, sql`id`);
  const where = [...plan.where];
  let from = plan.from;
  if (plan.mode === 'walk') {
    // A page's walk always has a LIMIT (-1: none): inside a join SQLite drops the ORDER BY of a
    // subquery without one, and the page is read in that order (a descending page came out
    // ascending).
    const walked = walkedRows(filters, sortByName, walkAfter, direction, budget ?? -1, plan.entryTest);
    from = sql`(${walked}) w CROSS JOIN users u ON u.seq = w.seq`;
  } else {
    const cursor = keyAfter(sortColumn, sql`u.id`);
    if (cursor) where.push(sql`(${cursor})`);
  }
  // The plan picks at most limit + 1 users (reading only what the filters need); full rows
  // are fetched for those alone.
  // A walk's rows already come in sort order (the index walk is the outer loop of a CROSS
  // JOIN), so it stops at the first limit + 1 matches; sorting here would read the whole budget.
  const order = plan.mode === 'walk' ? sql`` : sql`ORDER BY ${sortColumn} ${direction}, u.id ${direction}`;
  // A first page's drive reads every match to sort them, so it counts them too: a second pass
  // for the total read an intersection of two indexes again ("Thiago Sa": 10 of 45 ms).
  const counting = plan.mode === 'drive' && !q.cursor;
  const matches = counting ? sql`, count(*) OVER () AS match_count` : sql``;
  const counts = counting ? sql`, page.match_count` : sql``;
  const statement = sql`SELECT u.*, d.name AS directory_name ${counts}
        FROM (SELECT u.seq ${matches} FROM ${from} WHERE ${joinSql(where, ' AND ')} ${order} LIMIT ${q.limit + 1}) page
        CROSS JOIN users u ON u.seq = page.seq
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        ORDER BY ${sortColumn} ${direction}, u.id ${direction}`;
  return { statement, keyAfter: walkAfter, direction };
}

/**
 * The statement `listUsers` runs first for a page (its plan chosen on this cache's counts, or
 * driven from a filter's own index with `forceDrive`, as after a walk that read its budget).
 */
export function userPageQuery(
  db: ReadableDB,
  q: UserListQuery,
  forceDrive = false,
): { mode: UserPlan['mode']; statement: SqlFragment } {
  const filters = filtersOf(db, q);
  const plan = planUserList(db, filters, q.sort === 'name', forceDrive);
  return { mode: plan.mode, statement: pageStatement(q, filters, plan).statement };
}

/**
 * One page (limit + 1 rows) by the plan; `null` when a walk read its whole budget without
 * filling the page, or its first PROBE_BUDGET entries without one match (the matches cluster
 * further on in the sort order), so the caller drives.
 */
function pageRows(db: ReadableDB, q: UserListQuery, filters: UserFilters, plan: UserPlan): ListRow[] | null {
  if (plan.mode === 'walk' && plan.entryTest) {
    // A short walk first (PROBE_BUDGET): a full page, or the end of the index, answers; no match
    // at all means the matches cluster further on, so the caller drives at once.
    const probe = walkPage(db, q, filters, plan, PROBE_BUDGET);
    if (probe.rows.length > q.limit || !probe.exhausted) return probe.rows;
    if (probe.rows.length === 0) return null;
  }
  const page = walkPage(db, q, filters, plan, WALK_BUDGET);
  return page.exhausted ? null : page.rows;
}

/**
 * One page by the plan, reading at most `budget` index entries if it walks (null: to the end of
 * the index). `exhausted`: a walk read its whole budget without filling the page (never for a
 * drive, without a budget, or when the index ended).
 */
function walkPage(
  db: ReadableDB,
  q: UserListQuery,
  filters: UserFilters,
  plan: UserPlan,
  budget: number | null,
): { rows: ListRow[]; exhausted: boolean } {
  const { statement, keyAfter, direction } = pageStatement(q, filters, plan, budget);
  const rows = queryAll<ListRow>(db, statement);
  if (plan.mode !== 'walk' || budget === null || rows.length > q.limit) return { rows, exhausted: false };
  const walked = walkedRows(filters, q.sort === 'name', keyAfter, direction, null);
  return { rows, exhausted: countUpTo(db, walked, budget + 1) > budget };
}

/** A user's groups by name for its detail page: one seek of the membership index. */
export function userGroupsQuery(profileId: string, userId: string): SqlFragment {
  return sql`SELECT g.id, g.name FROM memberships m JOIN groups g ON g.profile_id = m.profile_id AND g.id = m.group_id
             WHERE ${membershipsOfUser(profileId, userId)} ORDER BY g.sort_name, g.id`;
}

export function getUserDetail(db: ReadableDB, profileId: string, userId: string): UserDetail {
  const row = queryOne<UserRow & { directory_name: string }>(
    db,
    sql`SELECT u.*, d.name AS directory_name FROM users u
        JOIN directories d ON d.profile_id = u.profile_id AND d.id = u.directory_id
        WHERE u.profile_id = ${profileId} AND u.id = ${userId}`,
  );
  const groups = queryAll<{ id: string; name: string }>(db, userGroupsQuery(profileId, userId));
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
