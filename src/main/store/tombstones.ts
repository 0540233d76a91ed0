/** Tombstones: the last known record of anything that disappeared, when, and why. */
import type { ReadableDB, WritableDB } from './db-types.ts';
import { execute, queryOne } from './exec.ts';
import type { ChangeContext, JsonObject } from './records.ts';
import { emptySql, inList, sql, type SqlFragment } from './sql.ts';

/**
 * `deleted_before_first_seen`: a delete event for a record this cache never held (created and
 * deleted between two polls, or before the first full sync finished). The tombstone keeps the
 * event's record, so an audit still finds it and a late, older create cannot bring it back.
 */
export type TombstoneReason =
  | 'missing_from_full_sync'
  | 'deleted_event'
  | 'deleted_before_first_seen'
  | 'directory_not_found'
  | 'directory_removed';

/** The reasons that mean "WorkOS said it was deleted, at the time the tombstone records". */
export const DELETION_EVENT_REASONS: readonly TombstoneReason[] = ['deleted_event', 'deleted_before_first_seen'];

export function writeTombstone(
  db: WritableDB,
  ctx: ChangeContext,
  entity: { type: 'directory' | 'user' | 'group'; id: string; directoryId: string; record: JsonObject },
  reason: TombstoneReason,
): void {
  execute(
    db,
    sql`INSERT INTO tombstones (profile_id, entity_type, entity_id, directory_id, last_record_json, removed_at, reason, source, run_id)
        VALUES (${ctx.profileId}, ${entity.type}, ${entity.id}, ${entity.directoryId}, ${JSON.stringify(entity.record)},
                ${ctx.at}, ${reason}, ${ctx.source}, ${ctx.runId})`,
  );
}

/** An entity that came back: its open tombstones are marked restored, not deleted. */
export function markRestored(db: WritableDB, ctx: ChangeContext, entityId: string): void {
  execute(
    db,
    sql`UPDATE tombstones SET restored_at = ${ctx.at}
        WHERE profile_id = ${ctx.profileId} AND entity_id = ${entityId} AND restored_at IS NULL`,
  );
}

/** `markRestored` for every id a subquery returns (a snapshot's newly seen users or groups). */
export function markRestoredAll(db: WritableDB, ctx: ChangeContext, ids: SqlFragment): void {
  execute(
    db,
    sql`UPDATE tombstones SET restored_at = ${ctx.at}
        WHERE profile_id = ${ctx.profileId} AND restored_at IS NULL AND entity_id IN (${ids})`,
  );
}

export interface OpenTombstone {
  reason: TombstoneReason;
  removed_at: string;
  last_record_json: string;
}

/** The latest tombstone of an entity that has not come back since, optionally of given reasons only. */
export function latestOpenTombstone(
  db: ReadableDB,
  profileId: string,
  entityId: string,
  reasons?: readonly TombstoneReason[],
): OpenTombstone | undefined {
  const reasonFilter = reasons ? sql` AND reason IN ${inList(reasons)}` : emptySql;
  return queryOne<OpenTombstone>(
    db,
    sql`SELECT reason, removed_at, last_record_json FROM tombstones
        WHERE profile_id = ${profileId} AND entity_id = ${entityId} AND restored_at IS NULL${reasonFilter}
        ORDER BY seq DESC LIMIT 1`,
  );
}
