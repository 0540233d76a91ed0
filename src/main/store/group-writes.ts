/** Writing groups: diffs into the change log, removals into tombstones. */
import { appendChange } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { getGroupRow, userIdsOfGroup } from './entity-reads.ts';
import { execute } from './exec.ts';
import { diffFields } from './field-diff.ts';
import { sortKey, type ChangeContext, type GroupRecord, type JsonObject } from './records.ts';
import type { GroupRow } from './rows.ts';
import { sql } from './sql.ts';
import { markRestored, writeTombstone, type TombstoneReason } from './tombstones.ts';
import { removeMembership } from './user-writes.ts';
import { refileGroupMemberships } from './membership-homes.ts';

/** `cached` as for upsertUser: the row just read by the caller, `null` when known absent. */
export function upsertGroup(db: WritableDB, ctx: ChangeContext, group: GroupRecord, cached?: GroupRow | null): number {
  const existing = cached === undefined ? getGroupRow(db, ctx.profileId, group.id) : (cached ?? undefined);
  const rawJson = JSON.stringify(group.raw);
  if (!existing) {
    execute(
      db,
      sql`INSERT INTO groups (profile_id, id, directory_id, organization_id, idp_id, name, raw_json, created_at, updated_at,
                              first_seen_at, sort_name)
          VALUES (${ctx.profileId}, ${group.id}, ${group.directoryId}, ${group.organizationId}, ${group.idpId}, ${group.name},
                  ${rawJson}, ${group.createdAt}, ${group.updatedAt}, ${ctx.at}, ${sortKey(group.name)})`,
    );
    markRestored(db, ctx, group.id);
    appendChange(db, ctx, {
      entityType: 'group',
      entityId: group.id,
      directoryId: group.directoryId,
      kind: 'added',
      after: group.raw,
    });
    return 1;
  }
  const diffs = diffFields(JSON.parse(existing.raw_json) as JsonObject, group.raw);
  if (diffs.length === 0 && existing.updated_at === group.updatedAt) return 0;
  if (existing.name !== group.name || existing.idp_id !== group.idpId) {
    execute(
      db,
      sql`UPDATE groups SET name = ${group.name}, idp_id = ${group.idpId}, sort_name = ${sortKey(group.name)} WHERE seq = ${existing.seq}`,
    );
  }
  execute(
    db,
    sql`UPDATE groups SET directory_id = ${group.directoryId}, organization_id = ${group.organizationId}, raw_json = ${rawJson},
          created_at = ${group.createdAt}, updated_at = ${group.updatedAt}
        WHERE seq = ${existing.seq}`,
  );
  if (existing.directory_id !== group.directoryId) refileGroupMemberships(db, ctx.profileId, group.id);
  for (const d of diffs) {
    appendChange(db, ctx, {
      entityType: 'group',
      entityId: group.id,
      directoryId: group.directoryId,
      kind: 'changed',
      field: d.field,
      before: d.before,
      after: d.after,
    });
  }
  return diffs.length;
}

/**
 * `deletion` is the record carried by a delete event: it becomes the tombstone's last record so
 * its `updated_at` (newer than the cached one) is what late updates are compared with.
 */
export function removeGroup(
  db: WritableDB,
  ctx: ChangeContext,
  groupId: string,
  reason: TombstoneReason,
  deletion?: JsonObject,
): number {
  const existing = getGroupRow(db, ctx.profileId, groupId);
  if (!existing) return 0;
  let written = 0;
  for (const userId of userIdsOfGroup(db, ctx.profileId, groupId)) {
    written += removeMembership(db, ctx, existing.directory_id, groupId, userId);
  }
  const record = JSON.parse(existing.raw_json) as JsonObject;
  const last = deletion ? { ...record, ...deletion } : record;
  writeTombstone(db, ctx, { type: 'group', id: groupId, directoryId: existing.directory_id, record: last }, reason);
  execute(db, sql`DELETE FROM groups WHERE seq = ${existing.seq}`);
  appendChange(db, ctx, {
    entityType: 'group',
    entityId: groupId,
    directoryId: existing.directory_id,
    kind: 'removed',
    before: record,
  });
  return written + 1;
}
