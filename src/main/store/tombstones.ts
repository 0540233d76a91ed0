/** Tombstones: the last known record of anything that disappeared, when, and why. */
import type { WritableDB } from './db-types.ts';
import { execute } from './exec.ts';
import type { ChangeContext, JsonObject } from './records.ts';
import { sql } from './sql.ts';

export type TombstoneReason = 'missing_from_full_sync' | 'deleted_event' | 'directory_not_found' | 'directory_removed';

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
