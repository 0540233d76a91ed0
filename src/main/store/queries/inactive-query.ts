/**
 * Inactive users across directories, including the ones WorkOS already deleted (its default
 * for inactive users): for those the tombstone keeps the last record and the deletion time.
 * "Inactive since" is the observed state change when the console saw it happen, else an
 * estimate (the record's updated_at, or the deletion time) flagged as such.
 */
import type { InactiveUser } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { displayName } from '../records.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { normaliseInstant } from './changes-query.ts';
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

export function listInactiveUsers(db: ReadableDB, q: InactiveQuery): PageResult<InactiveUser> {
  const p = q.profileId;
  // `IN (…)` rather than `<> 'active'`, so the users_by_state index serves it (no full scan).
  const current = sql`SELECT u.id, u.directory_id, u.name, u.first_name, u.last_name, u.email, u.username,
                             'inactive' AS status, u.state_since AS since, u.state_since_observed AS observed, NULL AS deleted_at
                      FROM users u WHERE u.profile_id = ${p} AND u.state IN ('inactive', 'suspended')`;
  const deleted = sql`SELECT t.entity_id AS id, t.directory_id,
                             json_extract(t.last_record_json, '$.name') AS name,
                             json_extract(t.last_record_json, '$.first_name') AS first_name,
                             json_extract(t.last_record_json, '$.last_name') AS last_name,
                             json_extract(t.last_record_json, '$.email') AS email,
                             json_extract(t.last_record_json, '$.username') AS username,
                             'deleted' AS status,
                             coalesce((SELECT max(c.at) FROM changes c WHERE c.profile_id = t.profile_id AND c.entity_id = t.entity_id
                                         AND c.kind = 'state_changed' AND c.after_json <> '"active"'), t.removed_at) AS since,
                             EXISTS (SELECT 1 FROM changes c WHERE c.profile_id = t.profile_id AND c.entity_id = t.entity_id
                                         AND c.kind = 'state_changed') AS observed,
                             t.removed_at AS deleted_at
                      FROM tombstones t
                      WHERE t.profile_id = ${p} AND t.entity_type = 'user' AND t.restored_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM users u2 WHERE u2.profile_id = t.profile_id AND u2.id = t.entity_id)`;
  const union = q.includeDeleted ? sql`${current} UNION ALL ${deleted}` : current;
  const where: SqlFragment[] = [sql`1 = 1`];
  if (q.directoryId) where.push(sql`c.directory_id = ${q.directoryId}`);
  if (q.inactiveBefore) where.push(sql`c.since <= ${normaliseInstant(q.inactiveBefore)}`);
  if (q.inactiveAfter) where.push(sql`c.since >= ${normaliseInstant(q.inactiveAfter)}`);
  if (q.groupId) {
    // Current members, or (for deleted users) members at any point the cache knows of.
    where.push(sql`(EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = ${p} AND m.user_id = c.id AND m.group_id = ${q.groupId})
                    OR (c.status = 'deleted' AND EXISTS (SELECT 1 FROM changes h WHERE h.profile_id = ${p} AND h.entity_type = 'membership'
                        AND h.user_id = c.id AND h.group_id = ${q.groupId})))`);
  }
  const after = decodeCursor(q.cursor, 2);
  if (after) where.push(sql`(c.since, c.id) < (${after[0]!}, ${after[1]!})`);
  const rows = queryAll<CandidateRow>(
    db,
    sql`WITH c AS (${union}) SELECT * FROM c WHERE ${joinSql(where, ' AND ')} ORDER BY c.since DESC, c.id DESC LIMIT ${q.limit + 1}`,
  );
  const page = finishPage(rows, q.limit, (r) => [r.since, r.id]);
  const items = page.rows.map((r): InactiveUser => ({
    id: r.id,
    directoryId: r.directory_id,
    directoryName: directoryName(db, p, r.directory_id),
    displayName: displayName({
      name: r.name,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      username: r.username,
      id: r.id,
    }),
    email: r.email,
    status: r.status,
    inactiveSince: r.since,
    inactiveSinceObserved: r.observed === 1,
    deletedAt: r.deleted_at,
    groups: groupsHeld(db, p, r),
  }));
  return { items, nextCursor: page.nextCursor, total: null };
}

/** Group names held now, or (deleted users) the groups they lost when they were removed. */
function groupsHeld(db: ReadableDB, profileId: string, r: CandidateRow): string[] {
  const rows =
    r.status === 'inactive'
      ? queryAll<{ name: string }>(
          db,
          sql`SELECT g.name FROM memberships m JOIN groups g ON g.profile_id = m.profile_id AND g.id = m.group_id
              WHERE m.profile_id = ${profileId} AND m.user_id = ${r.id} ORDER BY g.sort_name`,
        )
      : queryAll<{ name: string }>(
          db,
          sql`SELECT DISTINCT coalesce(g.name, json_extract(t.last_record_json, '$.name'), h.group_id) AS name
              FROM changes h
              LEFT JOIN groups g ON g.profile_id = h.profile_id AND g.id = h.group_id
              LEFT JOIN tombstones t ON t.profile_id = h.profile_id AND t.entity_id = h.group_id AND t.entity_type = 'group'
              WHERE h.profile_id = ${profileId} AND h.entity_type = 'membership' AND h.user_id = ${r.id}
                AND h.kind = 'removed' AND h.at = ${r.deleted_at}`,
        );
  return rows.map((g) => g.name);
}
