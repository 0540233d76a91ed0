/**
 * Applying one directory's full snapshot. Pages are staged as they arrive
 * (`stageUsers`/`stageGroups`/`stageMemberships`); once the whole directory is in,
 * `applyStagedDirectory` diffs it against current state and applies everything in a single
 * transaction, so readers see either the previous or the new directory, never a mix.
 */
import type { WritableDB } from './db-types.ts';
import { getDirectoryRow } from './entity-reads.ts';
import { execute, inTempTransaction, inTransaction, queryAll } from './exec.ts';
import { removeGroup, upsertGroup } from './group-writes.ts';
import type { ChangeContext, GroupRecord, JsonObject, UserRecord } from './records.ts';
import { groupFromWire, userFromWire } from './records.ts';
import { sql } from './sql.ts';
import { addMembership, removeMembership, removeUser, upsertUser } from './user-writes.ts';

const CHUNK = 1000;

export function stageUsers(db: WritableDB, runId: string, directoryId: string, users: readonly JsonObject[]): void {
  inTempTransaction(db, () => {
    for (const u of users) {
      execute(
        db,
        sql`INSERT OR REPLACE INTO stage_users (run_id, directory_id, id, json) VALUES (${runId}, ${directoryId}, ${String(u.id)}, ${JSON.stringify(u)})`,
      );
    }
  });
}

export function stageGroups(db: WritableDB, runId: string, directoryId: string, groups: readonly JsonObject[]): void {
  inTempTransaction(db, () => {
    for (const g of groups) {
      execute(
        db,
        sql`INSERT OR REPLACE INTO stage_groups (run_id, directory_id, id, json) VALUES (${runId}, ${directoryId}, ${String(g.id)}, ${JSON.stringify(g)})`,
      );
    }
  });
}

export function stageMemberships(
  db: WritableDB,
  runId: string,
  directoryId: string,
  pairs: readonly { groupId: string; userId: string }[],
): void {
  inTempTransaction(db, () => {
    for (const p of pairs) {
      execute(
        db,
        sql`INSERT OR IGNORE INTO stage_memberships (run_id, directory_id, group_id, user_id) VALUES (${runId}, ${directoryId}, ${p.groupId}, ${p.userId})`,
      );
    }
  });
}

export function discardStaged(db: WritableDB, runId: string, directoryId: string): void {
  inTransaction(db, () => discardStagedInTransaction(db, runId, directoryId));
}

function* stagedChunks(
  db: WritableDB,
  table: 'users' | 'groups',
  runId: string,
  directoryId: string,
): Generator<JsonObject[]> {
  let after = '';
  for (;;) {
    const q =
      table === 'users'
        ? sql`SELECT id, json FROM stage_users WHERE run_id = ${runId} AND directory_id = ${directoryId} AND id > ${after} ORDER BY id LIMIT ${CHUNK}`
        : sql`SELECT id, json FROM stage_groups WHERE run_id = ${runId} AND directory_id = ${directoryId} AND id > ${after} ORDER BY id LIMIT ${CHUNK}`;
    const rows = queryAll<{ id: string; json: string }>(db, q);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((r) => JSON.parse(r.json) as JsonObject);
  }
}

export interface AppliedDirectoryCounts {
  users: number;
  groups: number;
  memberships: number;
  changes: number;
}

/**
 * Diffs the staged snapshot against the cache and applies it atomically. Anything cached but
 * absent from the snapshot is removed with a tombstone (`missing_from_full_sync`).
 */
export function applyStagedDirectory(
  db: WritableDB,
  ctx: ChangeContext,
  runId: string,
  directoryId: string,
): AppliedDirectoryCounts {
  return inTransaction(db, () => {
    const dir = getDirectoryRow(db, ctx.profileId, directoryId);
    if (!dir) throw new Error(`directory ${directoryId} is not in the cache; apply the directory list first`);
    // The first complete snapshot of a directory is where its history begins.
    const effective: ChangeContext = { ...ctx, baseline: dir.last_full_sync_at === null };
    let changes = 0;
    let groups = 0;
    let users = 0;

    for (const chunk of stagedChunks(db, 'groups', runId, directoryId)) {
      for (const raw of chunk) {
        const g: GroupRecord = groupFromWire(raw);
        changes += upsertGroup(db, effective, g);
        groups++;
      }
    }
    for (const chunk of stagedChunks(db, 'users', runId, directoryId)) {
      for (const raw of chunk) {
        const u: UserRecord = userFromWire(raw);
        changes += upsertUser(db, effective, u);
        users++;
      }
    }

    // Memberships: remove pairs that are no longer there, then add the new ones.
    const stale = queryAll<{ group_id: string; user_id: string }>(
      db,
      sql`SELECT m.group_id, m.user_id FROM memberships m
          WHERE m.profile_id = ${ctx.profileId} AND m.directory_id = ${directoryId}
            AND NOT EXISTS (SELECT 1 FROM stage_memberships s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId}
                            AND s.group_id = m.group_id AND s.user_id = m.user_id)`,
    );
    for (const m of stale) changes += removeMembership(db, effective, directoryId, m.group_id, m.user_id);

    const goneGroups = queryAll<{ id: string }>(
      db,
      sql`SELECT id FROM groups g WHERE g.profile_id = ${ctx.profileId} AND g.directory_id = ${directoryId}
            AND NOT EXISTS (SELECT 1 FROM stage_groups s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id = g.id)`,
    );
    for (const g of goneGroups) changes += removeGroup(db, effective, g.id, 'missing_from_full_sync');
    const goneUsers = queryAll<{ id: string }>(
      db,
      sql`SELECT id FROM users u WHERE u.profile_id = ${ctx.profileId} AND u.directory_id = ${directoryId}
            AND NOT EXISTS (SELECT 1 FROM stage_users s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id = u.id)`,
    );
    for (const u of goneUsers) changes += removeUser(db, effective, u.id, 'missing_from_full_sync');

    const fresh = queryAll<{ group_id: string; user_id: string }>(
      db,
      sql`SELECT s.group_id, s.user_id FROM stage_memberships s
          WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId}
            AND EXISTS (SELECT 1 FROM groups g WHERE g.profile_id = ${ctx.profileId} AND g.id = s.group_id)
            AND EXISTS (SELECT 1 FROM users u WHERE u.profile_id = ${ctx.profileId} AND u.id = s.user_id)
            AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = ${ctx.profileId}
                            AND m.group_id = s.group_id AND m.user_id = s.user_id)`,
    );
    for (const m of fresh) changes += addMembership(db, effective, directoryId, m.group_id, m.user_id);
    const memberships = queryAll<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM memberships WHERE profile_id = ${ctx.profileId} AND directory_id = ${directoryId}`,
    )[0]!.n;

    execute(
      db,
      sql`UPDATE directories SET last_full_sync_at = ${ctx.at}, last_full_sync_run_id = ${runId},
            last_sync_status = 'succeeded', last_sync_error = NULL
          WHERE profile_id = ${ctx.profileId} AND id = ${directoryId}`,
    );
    discardStagedInTransaction(db, runId, directoryId);
    return { users, groups, memberships, changes };
  });
}

function discardStagedInTransaction(db: WritableDB, runId: string, directoryId: string): void {
  execute(db, sql`DELETE FROM stage_users WHERE run_id = ${runId} AND directory_id = ${directoryId}`);
  execute(db, sql`DELETE FROM stage_groups WHERE run_id = ${runId} AND directory_id = ${directoryId}`);
  execute(db, sql`DELETE FROM stage_memberships WHERE run_id = ${runId} AND directory_id = ${directoryId}`);
}
