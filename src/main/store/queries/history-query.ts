/**
 * Questions about the past, answered from the change log: what changed between two moments
 * (or two sync runs), and who was in a group at a given time.
 */
import { ConsoleError } from '../../../shared/api.ts';
import type { Diff, MembersAt } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import { stableJson } from '../field-diff.ts';
import type { ChangeRow } from '../rows.ts';
import { sql } from '../sql.ts';
import { normaliseInstant } from './changes-query.ts';
import { entityName, groupName, userRef } from './names.ts';

export type Moment = { at: string } | { runId: string };

const MAX_DIFF_ROWS = 200_000;

export function resolveMoment(db: ReadableDB, profileId: string, moment: Moment): string {
  if ('at' in moment) return normaliseInstant(moment.at);
  const run = queryOne<{ started_at: string; finished_at: string | null }>(
    db,
    sql`SELECT started_at, finished_at FROM sync_runs WHERE profile_id = ${profileId} AND id = ${moment.runId}`,
  );
  if (!run) throw new ConsoleError('not_found', `There is no sync run ${moment.runId} for this profile.`);
  return run.finished_at ?? run.started_at;
}

export function diffBetween(
  db: ReadableDB,
  profileId: string,
  fromMoment: Moment,
  toMoment: Moment,
  directoryId?: string,
): Diff {
  let from = resolveMoment(db, profileId, fromMoment);
  let to = resolveMoment(db, profileId, toMoment);
  if (from > to) [from, to] = [to, from];
  const rows = queryAll<ChangeRow>(
    db,
    directoryId
      ? sql`SELECT * FROM changes WHERE profile_id = ${profileId} AND at > ${from} AND at <= ${to} AND baseline = 0
              AND directory_id = ${directoryId} ORDER BY at, seq LIMIT ${MAX_DIFF_ROWS + 1}`
      : sql`SELECT * FROM changes WHERE profile_id = ${profileId} AND at > ${from} AND at <= ${to} AND baseline = 0
              ORDER BY at, seq LIMIT ${MAX_DIFF_ROWS + 1}`,
  );
  const truncated = rows.length > MAX_DIFF_ROWS;
  if (truncated) rows.length = MAX_DIFF_ROWS;

  // Net effect per entity: the first row says what was true at `from`, the last at `to`.
  const presence = new Map<string, { row: ChangeRow; before: boolean; after: boolean }>();
  const fields = new Map<string, { row: ChangeRow; before: unknown; after: unknown }>();
  for (const r of rows) {
    if (r.kind === 'added' || r.kind === 'removed') {
      const key = `${r.entity_type}|${r.entity_id}`;
      const seen = presence.get(key);
      if (seen) {
        seen.after = r.kind === 'added';
        seen.row = r;
      } else presence.set(key, { row: r, before: r.kind === 'removed', after: r.kind === 'added' });
    } else if (r.field !== null) {
      const key = `${r.entity_type}|${r.entity_id}|${r.field}`;
      const before: unknown = r.before_json === null ? null : JSON.parse(r.before_json);
      const after: unknown = r.after_json === null ? null : JSON.parse(r.after_json);
      const seen = fields.get(key);
      if (seen) seen.after = after;
      else fields.set(key, { row: r, before, after });
    }
  }

  // One lookup per entity, not per change: a user in many groups, or with many changed
  // fields, appears many times in a large diff.
  const userRefs = new Map<string, ReturnType<typeof userRef>>();
  const user = (id: string): ReturnType<typeof userRef> => {
    let ref = userRefs.get(id);
    if (!ref) userRefs.set(id, (ref = userRef(db, profileId, id)));
    return ref;
  };
  const entityNames = new Map<string, string>();
  const nameOf = (type: Parameters<typeof entityName>[2], id: string): string => {
    const key = `${type}|${id}`;
    let name = entityNames.get(key);
    if (name === undefined) entityNames.set(key, (name = entityName(db, profileId, type, id)));
    return name;
  };
  const memberships = new Map<string, Diff['memberships'][number]>();
  const diff: Diff = {
    from,
    to,
    memberships: [],
    usersAdded: [],
    usersRemoved: [],
    groupsAdded: [],
    groupsRemoved: [],
    fieldChanges: [],
    truncated,
  };
  for (const { row, before, after } of presence.values()) {
    if (before === after) continue;
    if (row.entity_type === 'membership') {
      const groupId = row.group_id!;
      let entry = memberships.get(groupId);
      if (!entry) {
        entry = {
          groupId,
          groupName: groupName(db, profileId, groupId),
          directoryId: row.directory_id,
          added: [],
          removed: [],
        };
        memberships.set(groupId, entry);
      }
      (after ? entry.added : entry.removed).push(user(row.user_id!));
    } else if (row.entity_type === 'user') {
      (after ? diff.usersAdded : diff.usersRemoved).push(user(row.entity_id));
    } else if (row.entity_type === 'group') {
      (after ? diff.groupsAdded : diff.groupsRemoved).push({
        id: row.entity_id,
        name: groupName(db, profileId, row.entity_id),
      });
    }
  }
  for (const { row, before, after } of fields.values()) {
    if (stableJson(before) === stableJson(after) || row.entity_type === 'membership') continue;
    diff.fieldChanges.push({
      entityType: row.entity_type,
      entityId: row.entity_id,
      name: nameOf(row.entity_type, row.entity_id),
      field: row.field!,
      before,
      after,
    });
  }
  diff.memberships = [...memberships.values()].sort((a, b) => a.groupName.localeCompare(b.groupName));
  return diff;
}

export function groupMembersAt(db: ReadableDB, profileId: string, groupId: string, atInput: string): MembersAt {
  const at = normaliseInstant(atInput);
  const knownFrom =
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT min(at) AS at FROM changes WHERE profile_id = ${profileId} AND entity_type = 'group' AND entity_id = ${groupId}`,
    )?.at ?? null;
  const rows = queryAll<Pick<ChangeRow, 'user_id' | 'kind'>>(
    db,
    sql`SELECT user_id, kind FROM changes
        WHERE profile_id = ${profileId} AND group_id = ${groupId} AND entity_type = 'membership' AND at <= ${at}
        ORDER BY at, seq`,
  );
  const members = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'added') members.add(r.user_id!);
    else if (r.kind === 'removed') members.delete(r.user_id!);
  }
  const refs = [...members]
    .map((id) => userRef(db, profileId, id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { groupId, at, knownFrom, members: refs };
}
