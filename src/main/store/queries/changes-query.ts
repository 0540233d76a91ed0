/** The change feed and per-user / per-group timelines, newest first, keyset-paginated. */
import type { Change, ChangedField } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { ChangeRow } from '../rows.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { withNames } from './history-names.ts';
import { decodeCursor, encodeCursor, finishPage, type CursorValue } from './keyset.ts';
import { foldMirrored } from './mirrored-fields.ts';
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
  const page = pageOfChanges(db, where, q.cursor, q.limit, true);
  return { ...page, items: withNames(db, q.profileId, page.items) };
}

/**
 * The partial index `changes_by_entity` leaves membership rows out (migration 11); a query by
 * entity id must state that condition itself for the planner to use the index.
 */
export const notMembershipRow = sql`entity_type <> 'membership'`;

/** Rows of one sync or event that changed fields of one entity belong to one timeline entry. */
function entryKey(r: ChangeRow): string | null {
  if (r.entity_type === 'membership' || (r.kind !== 'changed' && r.kind !== 'state_changed')) return null;
  const when = r.run_id === null && r.event_id === null ? r.at : '';
  return JSON.stringify([r.entity_type, r.entity_id, r.source, r.run_id, r.event_id, when]);
}

/** Rows appended to a page so it never ends inside an entry; far more than any record has fields. */
const MAX_ENTRY_ROWS = 500;

/**
 * A timeline page: rows newest first, each sync's or event's field changes of one entity merged
 * into one entry listing its fields (mirrored attributes folded). `limit` counts rows; a page
 * that would end inside an entry takes the rest of that entry's rows too.
 */
function timelinePage(
  db: ReadableDB,
  profileId: string,
  where: SqlFragment[],
  cursor: string | undefined,
  limit: number,
): PageResult<Change> {
  const after = decodeCursor(cursor, 2);
  const select = (from: CursorValue[] | null, n: number): ChangeRow[] =>
    queryAll<ChangeRow>(
      db,
      sql`SELECT * FROM changes WHERE ${joinSql(
        from ? [...where, sql`(at, seq) < (${from[0]!}, ${from[1]!})`] : where,
        ' AND ',
      )} ORDER BY at DESC, seq DESC LIMIT ${n}`,
    );
  const rows = select(after, limit + 1);
  let more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (more) {
    const lastKey = entryKey(page[page.length - 1]!);
    let next: ChangeRow | undefined = rows[limit];
    let extra = 0;
    while (lastKey !== null && next && entryKey(next) === lastKey && extra < MAX_ENTRY_ROWS) {
      page.push(next);
      extra++;
      const tail = page[page.length - 1]!;
      next = select([tail.at, tail.seq], 1)[0];
    }
    more = next !== undefined;
  }
  const entries: Change[] = [];
  let open: { key: string; rows: ChangeRow[] } | null = null;
  const flush = () => {
    if (!open) return;
    const [first] = open.rows;
    const change = toChange(first!);
    if (open.rows.length > 1) {
      const fields = foldMirrored(
        open.rows
          .slice()
          .sort((a, b) => ((a.field ?? '') < (b.field ?? '') ? -1 : 1))
          .map((r) => {
            const c = toChange(r);
            return { field: c.field, kind: c.kind as ChangedField['kind'], before: c.before, after: c.after };
          }),
      );
      entries.push({
        ...change,
        kind: fields.every((f) => f.kind === 'state_changed') ? 'state_changed' : 'changed',
        field: fields.length === 1 ? fields[0]!.field : null,
        fields,
      });
    } else entries.push(change);
    open = null;
  };
  for (const r of page) {
    const key = entryKey(r);
    if (open && key !== null && key === open.key) {
      open.rows.push(r);
      continue;
    }
    flush();
    if (key !== null) open = { key, rows: [r] };
    else entries.push(toChange(r));
  }
  flush();
  const last = page[page.length - 1];
  return {
    items: withNames(db, profileId, entries),
    nextCursor: more && last ? encodeCursor([last.at, last.seq]) : null,
    total: null,
  };
}

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
  return timelinePage(db, profileId, [sql`seq IN (${userTimelineSeqs(profileId, userId)})`], cursor, limit);
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
  return timelinePage(db, profileId, [sql`seq IN (${ids})`], cursor, limit);
}
