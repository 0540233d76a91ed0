/** Appending to the change log (the table refuses updates and deletes by trigger). */
import type { WritableDB } from './db-types.ts';
import { execute, queryOne } from './exec.ts';
import type { ChangeContext } from './records.ts';
import { sql, type SqlFragment } from './sql.ts';

export type ChangeEntity = 'directory' | 'user' | 'group' | 'membership';
export type ChangeKind = 'added' | 'removed' | 'changed' | 'state_changed';

export interface ChangeEntry {
  entityType: ChangeEntity;
  entityId: string;
  directoryId: string;
  kind: ChangeKind;
  field?: string | null;
  before?: unknown;
  after?: unknown;
  groupId?: string | null;
  userId?: string | null;
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function appendChange(db: WritableDB, ctx: ChangeContext, entry: ChangeEntry): void {
  execute(
    db,
    sql`INSERT INTO changes (profile_id, at, entity_type, entity_id, directory_id, kind, field, before_json, after_json,
                             group_id, user_id, source, run_id, event_id, baseline)
        VALUES (${ctx.profileId}, ${ctx.at}, ${entry.entityType}, ${entry.entityId}, ${entry.directoryId}, ${entry.kind},
                ${entry.field ?? null}, ${json(entry.before)}, ${json(entry.after)}, ${entry.groupId ?? null},
                ${entry.userId ?? null}, ${ctx.source}, ${ctx.runId}, ${ctx.eventId}, ${ctx.baseline ? 1 : 0})`,
  );
}

/**
 * The head of a set-based append: `INSERT INTO changes (…) SELECT <profile, at>,` — the caller
 * continues with entity_type … user_id selected from its source rows, then `changeContextTail`.
 */
export const insertChangesSelect = (ctx: ChangeContext): SqlFragment =>
  sql`INSERT INTO changes (profile_id, at, entity_type, entity_id, directory_id, kind, field, before_json, after_json,
                           group_id, user_id, source, run_id, event_id, baseline)
      SELECT ${ctx.profileId}, ${ctx.at}, `;

/** The last four selected columns of a set-based append: source, run_id, event_id, baseline. */
export const changeContextTail = (ctx: ChangeContext): SqlFragment =>
  sql`, ${ctx.source}, ${ctx.runId}, ${ctx.eventId}, ${ctx.baseline ? 1 : 0}`;

/** The newest change row's seq (0 for an empty log); rows appended after it have larger ones (AUTOINCREMENT). */
export function lastChangeSeq(db: WritableDB): number {
  return queryOne<{ seq: number }>(db, sql`SELECT coalesce(max(seq), 0) AS seq FROM changes`)!.seq;
}
