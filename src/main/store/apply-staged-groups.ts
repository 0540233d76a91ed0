/**
 * Applying a directory's staged groups set-based, like apply-staged-users.ts: new groups by
 * `INSERT … SELECT`, identical ones skipped in SQL, changed ones diffed field by field.
 */
import { appendChange, changeContextTail, insertChangesSelect } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { execute, queryAll } from './exec.ts';
import { diffFields } from './field-diff.ts';
import type { ChangeContext, JsonObject } from './records.ts';
import type { GroupRow } from './rows.ts';
import { sql } from './sql.ts';
import { stagedCount } from './staging.ts';
import { markRestoredAll } from './tombstones.ts';
import { refileGroupMemberships } from './membership-homes.ts';

const CHUNK = 1000;

/** A staged group joined with its cached row (the `old_*` columns) where the two differ. */
type ChangedGroup = Omit<GroupRow, 'profile_id' | 'directory_id' | 'first_seen_at'> & {
  group_directory_id: string;
  old_directory_id: string;
  old_raw_json: string;
  old_name: string;
  old_idp_id: string;
  old_updated_at: string;
};

/** Returns the number of change-log rows written. */
export function applyStagedGroups(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  const added = insertNewGroups(db, ctx, runId, directoryId);
  // Every staged group was new: none can have changed (as for users).
  if (added === stagedCount(db, 'groups', runId, directoryId)) return added;
  return added + updateChangedGroups(db, ctx, runId, directoryId);
}

function insertNewGroups(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  const p = ctx.profileId;
  const fresh = sql`s.run_id = ${runId} AND s.directory_id = ${directoryId}
                    AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.profile_id = ${p} AND g.id = s.id)`;
  const added = execute(
    db,
    sql`${insertChangesSelect(ctx)} 'group', s.id, s.group_directory_id, 'added', NULL, NULL, s.raw_json, NULL, NULL
        ${changeContextTail(ctx)}
        FROM stage_groups s WHERE ${fresh} ORDER BY s.id`,
  ).changes;
  if (added === 0) return 0;
  markRestoredAll(db, ctx, sql`SELECT s.id FROM stage_groups s WHERE ${fresh}`);
  execute(
    db,
    sql`INSERT INTO groups (profile_id, id, directory_id, organization_id, idp_id, name, raw_json, created_at, updated_at,
                            first_seen_at, sort_name)
        SELECT ${p}, s.id, s.group_directory_id, s.organization_id, s.idp_id, s.name, s.raw_json, s.created_at,
               s.updated_at, ${ctx.at}, s.sort_name
        FROM stage_groups s WHERE ${fresh} ORDER BY s.id`,
  );
  return added;
}

function updateChangedGroups(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  let written = 0;
  let after = '';
  for (;;) {
    const rows = queryAll<ChangedGroup>(
      db,
      sql`SELECT s.id, s.group_directory_id, s.organization_id, s.idp_id, s.name, s.raw_json, s.created_at, s.updated_at,
                 s.sort_name, g.seq, g.directory_id AS old_directory_id, g.raw_json AS old_raw_json, g.name AS old_name, g.idp_id AS old_idp_id,
                 g.updated_at AS old_updated_at
          FROM stage_groups s JOIN groups g ON g.profile_id = ${ctx.profileId} AND g.id = s.id
          WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id > ${after}
            AND (g.raw_json <> s.raw_json OR g.updated_at <> s.updated_at)
          ORDER BY s.id LIMIT ${CHUNK}`,
    );
    if (rows.length === 0) return written;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) written += updateGroup(db, ctx, row);
  }
}

/** The same rules as upsertGroup for a group already cached. */
function updateGroup(db: WritableDB, ctx: ChangeContext, g: ChangedGroup): number {
  const diffs = diffFields(JSON.parse(g.old_raw_json) as JsonObject, JSON.parse(g.raw_json) as JsonObject);
  if (diffs.length === 0 && g.old_updated_at === g.updated_at) return 0;
  // Only touch the FTS-indexed columns when they moved (their trigger rewrites the index row).
  if (g.old_name !== g.name || g.old_idp_id !== g.idp_id) {
    execute(
      db,
      sql`UPDATE groups SET name = ${g.name}, idp_id = ${g.idp_id}, sort_name = ${g.sort_name} WHERE seq = ${g.seq}`,
    );
  }
  execute(
    db,
    sql`UPDATE groups SET directory_id = ${g.group_directory_id}, organization_id = ${g.organization_id},
          raw_json = ${g.raw_json}, created_at = ${g.created_at}, updated_at = ${g.updated_at}
        WHERE seq = ${g.seq}`,
  );
  if (g.old_directory_id !== g.group_directory_id) refileGroupMemberships(db, ctx.profileId, g.id);
  for (const d of diffs) {
    appendChange(db, ctx, {
      entityType: 'group',
      entityId: g.id,
      directoryId: g.group_directory_id,
      kind: 'changed',
      field: d.field,
      before: d.before,
      after: d.after,
    });
  }
  return diffs.length;
}
