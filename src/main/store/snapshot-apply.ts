/**
 * Applying one directory's full snapshot. Pages are staged as they arrive
 * (`stageUsers`/`stageGroups`/`stageMemberships`, staging.ts); once the whole directory is in,
 * `applyStagedDirectory` diffs it against current state and applies everything in a single
 * transaction, so readers see either the previous or the new directory, never a mix.
 *
 * The apply is set-based: new rows, unchanged rows and membership changes are handled by SQL
 * over the staged tables; only changed users/groups (field-level diff) and removals (tombstone
 * with the last record) go row by row through JavaScript.
 */
import { applyStagedGroups } from './apply-staged-groups.ts';
import { addFreshMemberships, countMemberships, removeStaleMemberships } from './apply-staged-memberships.ts';
import { applyStagedUsers } from './apply-staged-users.ts';
import { lastChangeSeq } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { getDirectoryRow } from './entity-reads.ts';
import { execute, inTransaction, queryAll, queryOne } from './exec.ts';
import { removeGroup } from './group-writes.ts';
import type { ChangeContext } from './records.ts';
import { sql } from './sql.ts';
import { removeUser } from './user-writes.ts';

import { discardStagedRows, stagedCount } from './staging.ts';

export { stageGroups, stageMemberships, stageUsers } from './staging.ts';

/** Drops a directory's staged pages (after a failure; a successful apply drops them itself). */
export function discardStaged(db: WritableDB, runId: string, directoryId: string): void {
  discardStagedRows(db, runId, directoryId);
}

/** Told how long each step of an apply took, in ms (bench/apply-timing.ts prints them). */
export type ApplyPhaseTimer = (phase: ApplyPhase, ms: number) => void;
export type ApplyPhase =
  | 'groups'
  | 'users'
  | 'memberships removed'
  | 'gone groups'
  | 'gone users'
  | 'memberships added'
  | 'directory row + counts'
  | 'commit'
  | 'discard staged';

/** Runs `step`, reporting its duration to `onPhase` when one is given. */
function timed<T>(onPhase: ApplyPhaseTimer | undefined, phase: ApplyPhase, step: () => T): T {
  if (!onPhase) return step();
  const t0 = performance.now();
  const result = step();
  onPhase(phase, performance.now() - t0);
  return result;
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
  onPhase?: ApplyPhaseTimer,
): AppliedDirectoryCounts {
  const counts = applyInTransaction(db, ctx, runId, directoryId, onPhase);
  // After the commit: the staged rows are no longer needed (and deleting them inside the
  // apply transaction would journal the whole staged directory in memory).
  timed(onPhase, 'discard staged', () => discardStagedRows(db, runId, directoryId));
  return counts;
}

function applyInTransaction(
  db: WritableDB,
  ctx: ChangeContext,
  runId: string,
  directoryId: string,
  onPhase: ApplyPhaseTimer | undefined,
): AppliedDirectoryCounts {
  let bodyEnd = 0;
  const counts = inTransaction(db, () => {
    const dir = getDirectoryRow(db, ctx.profileId, directoryId);
    if (!dir) throw new Error(`directory ${directoryId} is not in the cache; apply the directory list first`);
    // The first complete snapshot of a directory is where its history begins.
    const effective: ChangeContext = { ...ctx, baseline: dir.last_full_sync_at === null };
    // A directory with nothing cached yet can lose nothing: whatever it holds after this apply
    // came from the snapshot. Looking would scan every user it just received (100k: ~0.2 s).
    const hadUsers = directoryHolds(db, 'user', ctx.profileId, directoryId);
    const hadGroups = directoryHolds(db, 'group', ctx.profileId, directoryId);
    // What the change log held before this apply: a first snapshot logs the memberships of
    // groups with a history before it (apply-staged-memberships.ts).
    const historyBefore = lastChangeSeq(db);
    let changes = timed(onPhase, 'groups', () => applyStagedGroups(db, effective, runId, directoryId));
    changes += timed(onPhase, 'users', () => applyStagedUsers(db, effective, runId, directoryId));

    // Memberships: remove pairs that are no longer there, then the vanished groups and users
    // (with their remaining memberships), then add the new pairs.
    changes += timed(onPhase, 'memberships removed', () => removeStaleMemberships(db, effective, runId, directoryId));
    if (hadGroups)
      changes += timed(onPhase, 'gone groups', () => removeGone(db, effective, 'group', runId, directoryId));
    if (hadUsers) changes += timed(onPhase, 'gone users', () => removeGone(db, effective, 'user', runId, directoryId));
    changes += timed(onPhase, 'memberships added', () =>
      addFreshMemberships(db, effective, runId, directoryId, historyBefore),
    );

    const tail = performance.now();
    execute(
      db,
      sql`UPDATE directories SET last_full_sync_at = ${ctx.at}, last_full_sync_run_id = ${runId},
            last_sync_status = 'succeeded', last_sync_error = NULL
          WHERE profile_id = ${ctx.profileId} AND id = ${directoryId}`,
    );
    const counts = {
      users: stagedCount(db, 'users', runId, directoryId),
      groups: stagedCount(db, 'groups', runId, directoryId),
      memberships: countMemberships(db, ctx.profileId, directoryId),
      changes,
    };
    onPhase?.('directory row + counts', performance.now() - tail);
    bodyEnd = performance.now();
    return counts;
  });
  onPhase?.('commit', performance.now() - bodyEnd);
  return counts;
}

/** True when the cache holds at least one user (or group) of the directory. */
function directoryHolds(db: WritableDB, type: 'user' | 'group', profileId: string, directoryId: string): boolean {
  const q =
    type === 'user'
      ? sql`SELECT EXISTS (SELECT 1 FROM users WHERE profile_id = ${profileId} AND directory_id = ${directoryId}) AS found`
      : sql`SELECT EXISTS (SELECT 1 FROM groups WHERE profile_id = ${profileId} AND directory_id = ${directoryId}) AS found`;
  return queryOne<{ found: number }>(db, q)!.found === 1;
}

/**
 * Removes (with a tombstone) the directory's cached users or groups that the snapshot no longer
 * has. Row by row: each removal writes its last record and its memberships' removals.
 */
function removeGone(
  db: WritableDB,
  ctx: ChangeContext,
  type: 'user' | 'group',
  runId: string,
  directoryId: string,
): number {
  const gone = queryAll<{ id: string }>(
    db,
    type === 'user'
      ? sql`SELECT id FROM users u WHERE u.profile_id = ${ctx.profileId} AND u.directory_id = ${directoryId}
              AND NOT EXISTS (SELECT 1 FROM stage_users s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id = u.id)`
      : sql`SELECT id FROM groups g WHERE g.profile_id = ${ctx.profileId} AND g.directory_id = ${directoryId}
              AND NOT EXISTS (SELECT 1 FROM stage_groups s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId} AND s.id = g.id)`,
  );
  const remove = type === 'user' ? removeUser : removeGroup;
  let changes = 0;
  for (const { id } of gone) changes += remove(db, ctx, id, 'missing_from_full_sync');
  return changes;
}
