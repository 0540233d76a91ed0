/**
 * Applying a directory's staged users set-based: new users are inserted (with their 'added'
 * change rows and tombstone restores) by `INSERT … SELECT`; users whose stored record is
 * byte-identical to the staged one are skipped inside SQL; only the changed ones come back to
 * JavaScript for the field-level diff, so a re-sync costs in proportion to what changed.
 */
import { appendChange, changeContextTail, insertChangesSelect } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { execute, queryAll } from './exec.ts';
import { diffFields } from './field-diff.ts';
import type { ChangeContext, JsonObject } from './records.ts';
import type { UserRow } from './rows.ts';
import { sql } from './sql.ts';
import { stagedCount } from './staging.ts';
import { markRestoredAll } from './tombstones.ts';
import { updateUserRow } from './user-writes.ts';

const CHUNK = 1000;

/** A staged user joined with its cached row (the `old_*` columns) where the two differ. */
type ChangedUser = Omit<
  UserRow,
  'profile_id' | 'directory_id' | 'first_seen_at' | 'state_since' | 'state_since_observed'
> & {
  user_directory_id: string;
  old_raw_json: string;
  old_state: string;
  old_directory_id: string;
  old_email: string | null;
  old_sort_name: string;
  old_updated_at: string;
  old_search_text: string;
};

/** Returns the number of change-log rows written. */
export function applyStagedUsers(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  const added = insertNewUsers(db, ctx, runId, directoryId);
  // Every staged user was new (a first snapshot): none can have changed, and looking would
  // read every staged and cached record back to compare them (100k users: 350 MB).
  if (added === stagedCount(db, 'users', runId, directoryId)) return added;
  return added + updateChangedUsers(db, ctx, runId, directoryId);
}

function insertNewUsers(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  const p = ctx.profileId;
  const fresh = sql`s.run_id = ${runId} AND s.directory_id = ${directoryId}
                    AND NOT EXISTS (SELECT 1 FROM users u WHERE u.profile_id = ${p} AND u.id = s.id)`;
  // Order matters: each statement finds the new users as those not in `users` yet.
  const added = execute(
    db,
    sql`${insertChangesSelect(ctx)} 'user', s.id, s.user_directory_id, 'added', NULL, NULL, s.raw_json, NULL, NULL
        ${changeContextTail(ctx)}
        FROM stage_users s WHERE ${fresh} ORDER BY s.id`,
  ).changes;
  if (added === 0) return 0;
  // Anything that comes back gets its open tombstones marked restored (see markRestored).
  markRestoredAll(db, ctx, sql`SELECT s.id FROM stage_users s WHERE ${fresh}`);
  // First sight: the state's start is unknown, so it is estimated and marked as such.
  execute(
    db,
    sql`INSERT INTO users (profile_id, id, directory_id, organization_id, idp_id, email, first_name, last_name, name,
                           username, job_title, state, custom_attributes, raw_json, created_at, updated_at,
                           first_seen_at, state_since, state_since_observed, sort_name, search_text)
        SELECT ${p}, s.id, s.user_directory_id, s.organization_id, s.idp_id, s.email, s.first_name, s.last_name, s.name,
               s.username, s.job_title, s.state, s.custom_attributes, s.raw_json, s.created_at, s.updated_at,
               ${ctx.at}, CASE WHEN s.state = 'active' THEN s.created_at ELSE s.updated_at END, 0, s.sort_name, s.search_text
        FROM stage_users s WHERE ${fresh} ORDER BY s.id`,
  );
  return added;
}

/** Cached users whose record differs from the staged one, a chunk at a time (id order). */
function changedUsers(db: WritableDB, profileId: string, runId: string, directoryId: string, after: string) {
  return queryAll<ChangedUser>(
    db,
    sql`SELECT s.id, s.user_directory_id, s.organization_id, s.idp_id, s.email, s.first_name, s.last_name, s.name,
               s.username, s.job_title, s.state, s.custom_attributes, s.raw_json, s.created_at, s.updated_at,
               s.sort_name, s.search_text, u.seq, u.raw_json AS old_raw_json, u.state AS old_state,
               u.directory_id AS old_directory_id, u.email AS old_email, u.sort_name AS old_sort_name,
               u.updated_at AS old_updated_at, u.search_text AS old_search_text
        FROM stage_users s JOIN users u ON u.profile_id = ${profileId} AND u.id = s.id
        WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id > ${after}
          AND (u.raw_json <> s.raw_json OR u.updated_at <> s.updated_at)
        ORDER BY s.id LIMIT ${CHUNK}`,
  );
}

function updateChangedUsers(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  let written = 0;
  let after = '';
  for (;;) {
    const rows = changedUsers(db, ctx.profileId, runId, directoryId, after);
    if (rows.length === 0) return written;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) written += updateUser(db, ctx, row);
  }
}

/** The field-level diff and update of one changed user (the same rules as upsertUser). */
function updateUser(db: WritableDB, ctx: ChangeContext, u: ChangedUser): number {
  const after = JSON.parse(u.raw_json) as JsonObject;
  const diffs = diffFields(JSON.parse(u.old_raw_json) as JsonObject, after);
  // As upsertUser: a record that differs only where no field is compared is stored, unlogged.
  if (diffs.length === 0 && u.old_updated_at === u.updated_at && u.old_raw_json === u.raw_json) return 0;
  updateUserRow(
    db,
    ctx,
    {
      seq: u.seq,
      state: u.old_state,
      directory_id: u.old_directory_id,
      email: u.old_email,
      sort_name: u.old_sort_name,
      search_text: u.old_search_text,
    },
    {
      directoryId: u.user_directory_id,
      organizationId: u.organization_id,
      idpId: u.idp_id,
      email: u.email,
      firstName: u.first_name,
      lastName: u.last_name,
      name: u.name,
      username: u.username,
      jobTitle: u.job_title,
      state: u.state,
      customAttributesJson: u.custom_attributes,
      rawJson: u.raw_json,
      createdAt: u.created_at,
      updatedAt: u.updated_at,
      sortName: u.sort_name,
      searchText: u.search_text,
    },
  );
  for (const d of diffs) {
    appendChange(db, ctx, {
      entityType: 'user',
      entityId: u.id,
      directoryId: u.user_directory_id,
      kind: d.field === 'state' ? 'state_changed' : 'changed',
      field: d.field,
      before: d.before,
      after: d.after,
    });
  }
  return diffs.length;
}
