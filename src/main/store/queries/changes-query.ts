/** The change feed and per-user / per-group timelines, newest first, keyset-paginated. */
import type { Change } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { ChangeRow } from '../rows.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { decodeCursor, finishPage } from './keyset.ts';
import { toChange } from './row-mappers.ts';
import type { PageResult } from './users-query.ts';

export interface ChangeListQuery {
  profileId: string;
  since?: string;
  until?: string;
  directoryId?: string;
  entityType?: Change['entityType'];
  includeBaseline: boolean;
  cursor?: string;
  limit: number;
}

/** Change-log times are ISO strings in UTC; normalise input so they compare as text. */
export function normaliseInstant(value: string): string {
  return new Date(value).toISOString();
}

/** One page of change rows matching `where`, newest first (limit + 1 rows). */
export function changesPageQuery(
  where: readonly SqlFragment[],
  cursor: string | undefined,
  limit: number,
): SqlFragment {
  const all = [...where];
  const after = decodeCursor(cursor, 2);
  if (after) all.push(sql`(at, seq) < (${after[0]!}, ${after[1]!})`);
  return sql`SELECT * FROM changes WHERE ${joinSql(all, ' AND ')} ORDER BY at DESC, seq DESC LIMIT ${limit + 1}`;
}

function pageOfChanges(
  db: ReadableDB,
  where: SqlFragment[],
  cursor: string | undefined,
  limit: number,
  withTotal: boolean,
): PageResult<Change> {
  const total =
    withTotal && !cursor
      ? queryOne<{ n: number }>(db, sql`SELECT count(*) AS n FROM changes WHERE ${joinSql(where, ' AND ')}`)!.n
      : null;
  const rows = queryAll<ChangeRow>(db, changesPageQuery(where, cursor, limit));
  const page = finishPage(rows, limit, (r) => [r.at, r.seq]);
  return { items: page.rows.map(toChange), nextCursor: page.nextCursor, total };
}

export function listChanges(db: ReadableDB, q: ChangeListQuery): PageResult<Change> {
  const where: SqlFragment[] = [sql`profile_id = ${q.profileId}`];
  if (q.since) where.push(sql`at >= ${normaliseInstant(q.since)}`);
  if (q.until) where.push(sql`at <= ${normaliseInstant(q.until)}`);
  if (q.directoryId) where.push(sql`directory_id = ${q.directoryId}`);
  if (q.entityType) where.push(sql`entity_type = ${q.entityType}`);
  if (!q.includeBaseline) where.push(sql`baseline = 0`);
  return pageOfChanges(db, where, q.cursor, q.limit, true);
}

/**
 * The partial index `changes_by_entity` leaves membership rows out (migration 11); a query by
 * entity id must state that condition itself for the planner to use the index.
 */
export const notMembershipRow = sql`entity_type <> 'membership'`;

/** A user's change rows (its own and its memberships'). Each half of the OR uses its own index; a plain OR makes SQLite scan the profile's log. */
export function userTimelineSeqs(profileId: string, userId: string): SqlFragment {
  return sql`SELECT seq FROM changes WHERE profile_id = ${profileId} AND entity_id = ${userId}
               AND ${notMembershipRow}
             UNION SELECT seq FROM changes WHERE profile_id = ${profileId} AND user_id = ${userId}`;
}

export function userTimeline(
  db: ReadableDB,
  profileId: string,
  userId: string,
  cursor: string | undefined,
  limit: number,
): PageResult<Change> {
  return pageOfChanges(db, [sql`seq IN (${userTimelineSeqs(profileId, userId)})`], cursor, limit, false);
}

export function groupTimeline(
  db: ReadableDB,
  profileId: string,
  groupId: string,
  cursor: string | undefined,
  limit: number,
): PageResult<Change> {
  const ids = sql`SELECT seq FROM changes WHERE profile_id = ${profileId} AND entity_id = ${groupId}
                    AND ${notMembershipRow}
                  UNION SELECT seq FROM changes WHERE profile_id = ${profileId} AND group_id = ${groupId}`;
  return pageOfChanges(db, [sql`seq IN (${ids})`], cursor, limit, false);
}
