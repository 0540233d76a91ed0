/**
 * Inactive users across directories, including the ones WorkOS already deleted (its default
 * for inactive users): for those the tombstone keeps the last record and the deletion time.
 * "Inactive since" is the observed state change when the console saw it happen, else an
 * estimate (the record's updated_at, or the deletion time) flagged as such.
 *
 * A page is the newest `limit` of three sources (inactive users, suspended users, deleted
 * users), each asked for its own newest `limit` first: the two user branches then walk the
 * `(profile_id, state, state_since)` index from the top and stop after one page, instead of
 * reading and sorting every inactive user of the profile for each page.
 */
import type { InactiveUser } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { userDisplayName } from './row-mappers.ts';
import { membershipsOfUsers, type UserInDirectory } from '../memberships-of-users.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { normaliseInstant } from './changes-query.ts';
import { groupMembersUpTo } from './bounded-count.ts';
import { decodeCursor, finishPage } from './keyset.ts';
import { directoryName } from './names.ts';
import type { PageResult } from './users-query.ts';

export interface InactiveQuery {
  profileId: string;
  directoryId?: string;
  groupId?: string;
  inactiveBefore?: string;
  inactiveAfter?: string;
  includeDeleted: boolean;
  cursor?: string;
  limit: number;
}

interface CandidateRow {
  id: string;
  directory_id: string;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  username: string | null;
  status: 'inactive' | 'deleted';
  since: string;
  observed: number;
  deleted_at: string | null;
}

/** The states WorkOS (and older directories) use for a user who can no longer sign in. */
const INACTIVE_STATES = ['inactive', 'suspended'] as const;

interface Bounds {
  before: string | null;
  after: string | null;
  cursor: [string, string] | null;
}

/** Below this many members a group's inactive users are found from its member list. */
const SMALL_GROUP = 5000;

/**
 * The newest `limit` users in one inactive state. Which rows are read first is chosen here,
 * not left to SQLite (the cache has no statistics): a small group's members; else one
 * directory's users in that state; else the profile's users in that state newest first, an
 * index walk that stops after one page.
 */
function currentBranch(q: InactiveQuery, state: string, b: Bounds, smallGroup: boolean): SqlFragment {
  const where: SqlFragment[] = [sql`u.profile_id = ${q.profileId}`, sql`u.state = ${state}`];
  if (q.directoryId) where.push(sql`u.directory_id = ${q.directoryId}`);
  if (b.before) where.push(sql`u.state_since <= ${b.before}`);
  if (b.after) where.push(sql`u.state_since >= ${b.after}`);
  if (q.groupId && !smallGroup)
    where.push(
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = u.profile_id AND m.user_id = u.id AND m.group_id = ${q.groupId})`,
    );
  if (b.cursor) where.push(sql`(u.state_since, u.id) < (${b.cursor[0]}, ${b.cursor[1]})`);
  const from =
    q.groupId && smallGroup
      ? sql`memberships m CROSS JOIN users u ON u.profile_id = m.profile_id AND u.id = m.user_id`
      : q.directoryId
        ? sql`users u INDEXED BY users_by_directory_state`
        : sql`users u INDEXED BY users_by_state`;
  if (q.groupId && smallGroup) where.push(sql`m.profile_id = ${q.profileId} AND m.group_id = ${q.groupId}`);
  return sql`SELECT * FROM (
      SELECT u.id, u.directory_id, u.name, u.first_name, u.last_name, u.email, u.username,
             'inactive' AS status, u.state_since AS since, u.state_since_observed AS observed, NULL AS deleted_at
      FROM ${from} WHERE ${joinSql(where, ' AND ')}
      ORDER BY u.state_since DESC, u.id DESC LIMIT ${q.limit + 1})`;
}

/**
 * Users WorkOS deleted. Their "since" is computed (the last observed state change, else the
 * deletion), so this branch sorts its candidates; tombstones are few next to users.
 */
function deletedBranch(q: InactiveQuery, b: Bounds): SqlFragment {
  const p = q.profileId;
  const where: SqlFragment[] = [sql`1 = 1`];
  if (q.directoryId) where.push(sql`d.directory_id = ${q.directoryId}`);
  if (b.before) where.push(sql`d.since <= ${b.before}`);
  if (b.after) where.push(sql`d.since >= ${b.after}`);
  if (q.groupId)
    // Members at any point the cache knows of (the membership ended with the deletion).
    where.push(sql`EXISTS (SELECT 1 FROM changes h WHERE h.profile_id = ${p} AND h.entity_type = 'membership'
                   AND h.user_id = d.id AND h.group_id = ${q.groupId})`);
  if (b.cursor) where.push(sql`(d.since, d.id) < (${b.cursor[0]}, ${b.cursor[1]})`);
  return sql`SELECT * FROM (
      SELECT * FROM (
        SELECT t.entity_id AS id, t.directory_id,
               json_extract(t.last_record_json, '$.name') AS name,
               json_extract(t.last_record_json, '$.first_name') AS first_name,
               json_extract(t.last_record_json, '$.last_name') AS last_name,
               json_extract(t.last_record_json, '$.email') AS email,
               json_extract(t.last_record_json, '$.username') AS username,
               'deleted' AS status,
               coalesce((SELECT max(c.at) FROM changes c WHERE c.profile_id = t.profile_id AND c.entity_id = t.entity_id
                           AND c.entity_type <> 'membership'
                           AND c.kind = 'state_changed' AND c.after_json <> '"active"'), t.removed_at) AS since,
               EXISTS (SELECT 1 FROM changes c WHERE c.profile_id = t.profile_id AND c.entity_id = t.entity_id
                           AND c.entity_type <> 'membership' AND c.kind = 'state_changed') AS observed,
               t.removed_at AS deleted_at
        FROM tombstones t
        WHERE t.profile_id = ${p} AND t.entity_type = 'user' AND t.restored_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM users u2 WHERE u2.profile_id = t.profile_id AND u2.id = t.entity_id)
      ) d WHERE ${joinSql(where, ' AND ')}
      ORDER BY d.since DESC, d.id DESC LIMIT ${q.limit + 1})`;
}

/** The candidates of one page (the newest limit + 1 across the branches), as `listInactiveUsers` reads them. */
export function inactivePageQuery(db: ReadableDB, q: InactiveQuery): SqlFragment {
  const after = decodeCursor(q.cursor, 2);
  const bounds: Bounds = {
    before: q.inactiveBefore ? normaliseInstant(q.inactiveBefore) : null,
    after: q.inactiveAfter ? normaliseInstant(q.inactiveAfter) : null,
    cursor: after ? [String(after[0]), String(after[1])] : null,
  };
  const smallGroup = q.groupId !== undefined && groupMembersUpTo(db, q.profileId, q.groupId, SMALL_GROUP) < SMALL_GROUP;
  const branches = INACTIVE_STATES.map((state) => currentBranch(q, state, bounds, smallGroup));
  if (q.includeDeleted) branches.push(deletedBranch(q, bounds));
  return sql`${branches.reduce((all, branch) => sql`${all} UNION ALL ${branch}`)} ORDER BY since DESC, id DESC LIMIT ${q.limit + 1}`;
}

export function listInactiveUsers(db: ReadableDB, q: InactiveQuery): PageResult<InactiveUser> {
  const p = q.profileId;
  const rows = queryAll<CandidateRow>(db, inactivePageQuery(db, q));
  const page = finishPage(rows, q.limit, (r) => [r.since, r.id]);
  const groups = groupsHeld(db, p, page.rows);
  const directoryNames = new Map<string, string>();
  const nameOfDirectory = (id: string): string => {
    let name = directoryNames.get(id);
    if (name === undefined) directoryNames.set(id, (name = directoryName(db, p, id)));
    return name;
  };
  const items = page.rows.map((r): InactiveUser => ({
    id: r.id,
    directoryId: r.directory_id,
    directoryName: nameOfDirectory(r.directory_id),
    displayName: userDisplayName(r),
    email: r.email,
    status: r.status,
    inactiveSince: r.since,
    inactiveSinceObserved: r.observed === 1,
    deletedAt: r.deleted_at,
    groups: groups.get(r.id) ?? [],
  }));
  return { items, nextCursor: page.nextCursor, total: null };
}

/**
 * The groups cached users hold now, by name: one seek of the membership index per user, in the
 * user's own directory. CROSS JOIN keeps memberships the outer loop: without statistics SQLite
 * would otherwise walk every group of the profile in name order to avoid a sort (hundreds of ms
 * per user).
 */
export function groupNamesHeldQuery(profileId: string, users: readonly UserInDirectory[]): SqlFragment {
  return sql`SELECT m.user_id, g.name FROM memberships m CROSS JOIN groups g ON g.profile_id = m.profile_id AND g.id = m.group_id
             WHERE ${membershipsOfUsers(profileId, users)} ORDER BY m.user_id, g.sort_name`;
}

/**
 * Group names held now (one query for the page's inactive users, driven from the
 * memberships-by-user index), or for deleted users the groups they lost when removed.
 */
function groupsHeld(db: ReadableDB, profileId: string, rows: readonly CandidateRow[]): Map<string, string[]> {
  const held = new Map<string, string[]>();
  const add = (userId: string, name: string): void => {
    const list = held.get(userId);
    if (list) list.push(name);
    else held.set(userId, [name]);
  };
  const inactive = rows.filter((r) => r.status === 'inactive').map((r) => ({ id: r.id, directoryId: r.directory_id }));
  if (inactive.length > 0) {
    const current = queryAll<{ user_id: string; name: string }>(db, groupNamesHeldQuery(profileId, inactive));
    for (const g of current) add(g.user_id, g.name);
  }
  for (const r of rows) {
    if (r.status !== 'deleted') continue;
    const lost = queryAll<{ name: string }>(
      db,
      sql`SELECT DISTINCT coalesce(g.name, json_extract(t.last_record_json, '$.name'), h.group_id) AS name
          FROM changes h
          LEFT JOIN groups g ON g.profile_id = h.profile_id AND g.id = h.group_id
          LEFT JOIN tombstones t ON t.profile_id = h.profile_id AND t.entity_id = h.group_id AND t.entity_type = 'group'
          WHERE h.profile_id = ${profileId} AND h.entity_type = 'membership' AND h.user_id = ${r.id}
            AND h.kind = 'removed' AND h.at = ${r.deleted_at}`,
    );
    for (const g of lost) add(r.id, g.name);
  }
  return held;
}
