/**
 * What changed between two moments, netted per entity in SQL: for each entity (and field) the
 * first change in the interval says what was true at `from`, the last what is true at `to`.
 * SQLite groups the interval's rows and returns only net changes, counted per kind; only the
 * rows the answer carries (at most `limit` per list) are read in full and given names. A diff
 * of 100,000 changes is thus counted in full but sent a page at a time (the Changes screen
 * shows the counts and the first entries; its CSV export asks without a limit).
 */
import type { Diff } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { stableJson } from '../field-diff.ts';
import { sql, type SqlFragment } from '../sql.ts';
import { directoriesById, groupsById, usersById } from './name-batch.ts';
import type { UserRef } from './names.ts';
import { foldMirrored } from './mirrored-fields.ts';

/** Entries per list when the caller sets no limit (an export); beyond it `truncated` is set. */
export const MAX_DIFF_ENTRIES = 200_000;

export type DiffCounts = NonNullable<Diff['counts']>;

interface PresenceRow {
  entity_type: 'directory' | 'user' | 'group' | 'membership';
  entity_id: string;
  group_id: string | null;
  user_id: string | null;
  directory_id: string;
  added: number;
}

interface FieldRow {
  entity_type: 'directory' | 'user' | 'group';
  entity_id: string;
  field: string;
  before_json: string | null;
  after_json: string | null;
}

/**
 * Groups the interval's rows once into a per-connection TEMP table (the reader may write its
 * own TEMP tables; the cache file is untouched): one row per entity (created/deleted) or per
 * entity and field (attribute and state changes), with the first and last change's seq.
 */
function groupInterval(
  db: ReadableDB,
  profileId: string,
  from: string,
  to: string,
  directoryId: string | undefined,
): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS diff_net (
             presence INTEGER NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT,
             first INTEGER NOT NULL, last INTEGER NOT NULL)`);
  db.exec('DELETE FROM temp.diff_net');
  const fill = sql`INSERT INTO temp.diff_net ${intervalNetQuery(profileId, from, to, directoryId)}`;
  db.prepare(fill.text).run(...fill.params);
}

/** The interval's change rows grouped per entity (and field), with the first and last seq. */
export function intervalNetQuery(
  profileId: string,
  from: string,
  to: string,
  directoryId: string | undefined,
): SqlFragment {
  return sql`SELECT kind IN ('added', 'removed') AS presence, entity_type, entity_id,
             CASE WHEN kind IN ('added', 'removed') THEN NULL ELSE field END AS f, min(seq), max(seq)
      FROM changes
      WHERE profile_id = ${profileId} AND at > ${from} AND at <= ${to} AND baseline = 0
        ${directoryId ? sql`AND directory_id = ${directoryId}` : sql``}
        AND (kind IN ('added', 'removed') OR (field IS NOT NULL AND entity_type <> 'membership'))
      GROUP BY presence, entity_type, entity_id, f`;
}

/** Entities created or deleted in the interval (the first and last add/remove disagree). */
const netPresence = sql`SELECT n.entity_type, n.entity_id, l.group_id, l.user_id, l.directory_id,
                               l.kind = 'added' AS added, n.first
                        FROM temp.diff_net n
                        CROSS JOIN changes f ON f.seq = n.first
                        CROSS JOIN changes l ON l.seq = n.last
                        WHERE n.presence = 1 AND (f.kind = 'removed') <> (l.kind = 'added')`;

/**
 * Fields whose first `before` and last `after` differ. A field changed once in the interval
 * differs by construction (the log records only changes), so only repeats are compared.
 */
const netFields = sql`SELECT n.entity_type, n.entity_id, n.field, n.first, n.last FROM temp.diff_net n
                      WHERE n.presence = 0 AND (n.first = n.last OR
                        (SELECT f.before_json IS NOT l.after_json FROM changes f, changes l WHERE f.seq = n.first AND l.seq = n.last))`;

function countsOf(db: ReadableDB): DiffCounts {
  const p = queryAll<{ entity_type: string; added: number; n: number; groups: number }>(
    db,
    sql`SELECT entity_type, added, count(*) AS n, count(DISTINCT group_id) AS groups
        FROM (${netPresence}) GROUP BY entity_type, added`,
  );
  const get = (type: string, added: number): number =>
    p.find((r) => r.entity_type === type && r.added === added)?.n ?? 0;
  const groupsWithMembershipChanges = queryAll<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT group_id) AS n FROM (${netPresence}) WHERE entity_type = 'membership'`,
  )[0]!.n;
  return {
    membershipsAdded: get('membership', 1),
    membershipsRemoved: get('membership', 0),
    groupsWithMembershipChanges,
    usersAdded: get('user', 1),
    usersRemoved: get('user', 0),
    groupsAdded: get('group', 1),
    groupsRemoved: get('group', 0),
    fieldChanges: queryAll<{ n: number }>(db, sql`SELECT count(*) AS n FROM (${netFields})`)[0]!.n,
  };
}

/** Mirrored attributes of one entity folded into one entry (entries of an entity are adjacent or not). */
function foldPerEntity(fields: Diff['fieldChanges']): Diff['fieldChanges'] {
  const byEntity = new Map<string, Diff['fieldChanges']>();
  for (const f of fields) {
    const key = `${f.entityType}|${f.entityId}`;
    const list = byEntity.get(key);
    if (list) list.push(f);
    else byEntity.set(key, [f]);
  }
  const kept = new Set<Diff['fieldChanges'][number]>();
  const alsoAs = new Map<Diff['fieldChanges'][number], string[]>();
  for (const list of byEntity.values()) {
    const folded = foldMirrored(list.map((f) => ({ ...f, source: f })));
    for (const f of folded) {
      kept.add(f.source);
      if (f.alsoAs.length > 0) alsoAs.set(f.source, f.alsoAs);
    }
  }
  return fields.filter((f) => kept.has(f)).map((f) => (alsoAs.has(f) ? { ...f, alsoAs: alsoAs.get(f)! } : f));
}

export function netDiff(
  db: ReadableDB,
  profileId: string,
  interval: { from: string; to: string },
  directoryId: string | undefined,
  limit: number | undefined,
): Diff {
  const { from, to } = interval;
  const cap = Math.min(limit ?? MAX_DIFF_ENTRIES, MAX_DIFF_ENTRIES);
  groupInterval(db, profileId, from, to, directoryId);
  const presence = netPresence;
  const counts = countsOf(db);

  const page = (type: string, added: number): PresenceRow[] =>
    queryAll<PresenceRow>(
      db,
      sql`SELECT * FROM (${presence}) WHERE entity_type = ${type} AND added = ${added} ORDER BY first LIMIT ${cap}`,
    );
  const membershipRows = queryAll<PresenceRow>(
    db,
    sql`SELECT * FROM (${presence}) WHERE entity_type = 'membership' ORDER BY first LIMIT ${cap}`,
  );
  const fieldRows = queryAll<FieldRow>(
    db,
    sql`SELECT n.entity_type, n.entity_id, n.field, f.before_json, l.after_json
        FROM (${netFields} ORDER BY n.first LIMIT ${cap}) n
        CROSS JOIN changes f ON f.seq = n.first CROSS JOIN changes l ON l.seq = n.last ORDER BY n.first`,
  );
  const usersAddedRows = page('user', 1);
  const usersRemovedRows = page('user', 0);
  const groupsAddedRows = page('group', 1);
  const groupsRemovedRows = page('group', 0);

  // Every name the answer carries, one batch per table.
  const userIds = [
    ...membershipRows.map((r) => r.user_id!),
    ...usersAddedRows.map((r) => r.entity_id),
    ...usersRemovedRows.map((r) => r.entity_id),
    ...fieldRows.filter((r) => r.entity_type === 'user').map((r) => r.entity_id),
  ];
  const groupIds = [
    ...membershipRows.map((r) => r.group_id!),
    ...groupsAddedRows.map((r) => r.entity_id),
    ...groupsRemovedRows.map((r) => r.entity_id),
    ...fieldRows.filter((r) => r.entity_type === 'group').map((r) => r.entity_id),
  ];
  const users = usersById(db, profileId, userIds);
  const groups = groupsById(db, profileId, groupIds);
  const directories = directoriesById(db, profileId, [
    ...membershipRows.map((r) => r.directory_id),
    ...fieldRows.filter((r) => r.entity_type === 'directory').map((r) => r.entity_id),
  ]);
  const user = (id: string): UserRef => {
    const u = users.get(id);
    return { id, displayName: u?.name ?? id, email: u?.email ?? null };
  };
  const nameOfGroup = (id: string): string => groups.get(id)?.name ?? id;

  const memberships = new Map<string, Diff['memberships'][number]>();
  for (const r of membershipRows) {
    const groupId = r.group_id!;
    let entry = memberships.get(groupId);
    if (!entry) {
      entry = {
        groupId,
        groupName: nameOfGroup(groupId),
        directoryId: r.directory_id,
        directoryName: directories.get(r.directory_id)?.name ?? r.directory_id,
        groupDeleted: groups.get(groupId)?.deleted ?? false,
        added: [],
        removed: [],
      };
      memberships.set(groupId, entry);
    }
    (r.added ? entry.added : entry.removed).push(user(r.user_id!));
  }

  const rawFields: Diff['fieldChanges'] = [];
  for (const r of fieldRows) {
    const before: unknown = r.before_json === null ? null : JSON.parse(r.before_json);
    const after: unknown = r.after_json === null ? null : JSON.parse(r.after_json);
    // Same value written with its keys in another order: not a change.
    if (stableJson(before) === stableJson(after)) continue;
    const name =
      r.entity_type === 'user'
        ? user(r.entity_id).displayName
        : ((r.entity_type === 'group' ? groups : directories).get(r.entity_id)?.name ?? r.entity_id);
    rawFields.push({ entityType: r.entity_type, entityId: r.entity_id, name, field: r.field, before, after });
  }
  const fieldChanges = foldPerEntity(rawFields);
  const folded = rawFields.length - fieldChanges.length;

  const usersAdded = usersAddedRows.map((r) => user(r.entity_id));
  const usersRemoved = usersRemovedRows.map((r) => user(r.entity_id));
  const groupsAdded = groupsAddedRows.map((r) => ({ id: r.entity_id, name: nameOfGroup(r.entity_id) }));
  const groupsRemoved = groupsRemovedRows.map((r) => ({ id: r.entity_id, name: nameOfGroup(r.entity_id) }));
  const truncated =
    counts.membershipsAdded + counts.membershipsRemoved > membershipRows.length ||
    counts.fieldChanges > cap ||
    Math.max(counts.usersAdded, counts.usersRemoved, counts.groupsAdded, counts.groupsRemoved) > cap;
  // Mirrored attributes count once, as they are listed (exact when the list is whole).
  counts.fieldChanges = Math.max(fieldChanges.length, counts.fieldChanges - folded);
  return {
    from,
    to,
    memberships: [...memberships.values()].sort(
      (a, b) => a.groupName.localeCompare(b.groupName) || (a.directoryName ?? '').localeCompare(b.directoryName ?? ''),
    ),
    usersAdded,
    usersRemoved,
    groupsAdded,
    groupsRemoved,
    fieldChanges,
    truncated,
    counts,
  };
}
