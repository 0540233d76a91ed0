/** Writing directories and organizations; removing a directory tombstones everything in it. */
import { appendChange } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { getDirectoryRow } from './entity-reads.ts';
import { execute, queryAll } from './exec.ts';
import { diffFields } from './field-diff.ts';
import { removeGroup } from './group-writes.ts';
import type { ChangeContext, DirectoryRecord, JsonObject } from './records.ts';
import { sql } from './sql.ts';
import { markRestored, writeTombstone, type TombstoneReason } from './tombstones.ts';
import { removeUser } from './user-writes.ts';

export function ensureOrganization(db: WritableDB, ctx: ChangeContext, organizationId: string): void {
  if (organizationId === '') return;
  execute(
    db,
    sql`INSERT OR IGNORE INTO organizations (profile_id, id, first_seen_at) VALUES (${ctx.profileId}, ${organizationId}, ${ctx.at})`,
  );
}

export function upsertDirectory(db: WritableDB, ctx: ChangeContext, dir: DirectoryRecord): number {
  ensureOrganization(db, ctx, dir.organizationId);
  const existing = getDirectoryRow(db, ctx.profileId, dir.id);
  const rawJson = JSON.stringify(dir.raw);
  if (!existing) {
    execute(
      db,
      sql`INSERT INTO directories (profile_id, id, organization_id, name, type, state, domain, external_key, created_at,
                                   updated_at, raw_json, first_seen_at, state_since)
          VALUES (${ctx.profileId}, ${dir.id}, ${dir.organizationId}, ${dir.name}, ${dir.type}, ${dir.state}, ${dir.domain},
                  ${dir.externalKey}, ${dir.createdAt}, ${dir.updatedAt}, ${rawJson}, ${ctx.at}, ${dir.updatedAt})`,
    );
    markRestored(db, ctx, dir.id);
    appendChange(db, ctx, {
      entityType: 'directory',
      entityId: dir.id,
      directoryId: dir.id,
      kind: 'added',
      after: dir.raw,
    });
    return 1;
  }
  // Event payloads carry fewer directory fields than REST; keep what only REST told us.
  const merged: JsonObject = { ...(JSON.parse(existing.raw_json) as JsonObject), ...dir.raw, state: dir.state };
  const diffs = diffFields(JSON.parse(existing.raw_json) as JsonObject, merged);
  const stateChanged = existing.state !== dir.state;
  execute(
    db,
    sql`UPDATE directories SET organization_id = ${dir.organizationId || existing.organization_id}, name = ${dir.name},
          type = ${dir.type}, state = ${dir.state}, domain = ${dir.domain ?? existing.domain},
          external_key = ${dir.externalKey ?? existing.external_key}, created_at = ${dir.createdAt},
          updated_at = ${dir.updatedAt}, raw_json = ${JSON.stringify(merged)},
          state_since = ${stateChanged ? ctx.at : existing.state_since}
        WHERE profile_id = ${ctx.profileId} AND id = ${dir.id}`,
  );
  for (const d of diffs) {
    appendChange(db, ctx, {
      entityType: 'directory',
      entityId: dir.id,
      directoryId: dir.id,
      kind: d.field === 'state' ? 'state_changed' : 'changed',
      field: d.field,
      before: d.before,
      after: d.after,
    });
  }
  return diffs.length;
}

/** Removes a directory with all its users and groups (each logged and tombstoned). */
export function removeDirectory(
  db: WritableDB,
  ctx: ChangeContext,
  directoryId: string,
  reason: TombstoneReason,
): number {
  const existing = getDirectoryRow(db, ctx.profileId, directoryId);
  if (!existing) return 0;
  const childReason: TombstoneReason = 'directory_removed';
  let written = 0;
  const groupIds = queryAll<{ id: string }>(
    db,
    sql`SELECT id FROM groups WHERE profile_id = ${ctx.profileId} AND directory_id = ${directoryId}`,
  );
  for (const g of groupIds) written += removeGroup(db, ctx, g.id, childReason);
  const userIds = queryAll<{ id: string }>(
    db,
    sql`SELECT id FROM users WHERE profile_id = ${ctx.profileId} AND directory_id = ${directoryId}`,
  );
  for (const u of userIds) written += removeUser(db, ctx, u.id, childReason);
  const record = JSON.parse(existing.raw_json) as JsonObject;
  writeTombstone(db, ctx, { type: 'directory', id: directoryId, directoryId, record }, reason);
  execute(db, sql`DELETE FROM directories WHERE profile_id = ${ctx.profileId} AND id = ${directoryId}`);
  appendChange(db, ctx, {
    entityType: 'directory',
    entityId: directoryId,
    directoryId,
    kind: 'removed',
    before: record,
  });
  return written + 1;
}
