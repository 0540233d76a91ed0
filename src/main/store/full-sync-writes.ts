/**
 * The bookkeeping a full sync writes around its directories (the run, the directory list, each
 * directory's outcome), each one function of the writer connection with plain-data arguments,
 * so the whole lot can run on the sync's writer thread (writer-thread/) as named operations.
 */
import { readCursor, writeCursor } from './cursors.ts';
import type { WritableDB } from './db-types.ts';
import { removeDirectory, upsertDirectory } from './directory-writes.ts';
import { execute, inTransaction, queryAll } from './exec.ts';
import { directoryFromWire, type ChangeContext, type JsonObject } from './records.ts';
import { sql } from './sql.ts';
import {
  insertSyncRun,
  lastSuccessfulFullRun,
  upsertRunDirectory,
  type SyncRunDirectoryRow,
  type SyncRunStart,
} from './sync-runs.ts';

/**
 * Records a started run. Events from the moment a profile's first snapshot began are replayed on
 * top of it by the incremental sync, so the events cursor starts there when there is none.
 * Returns whether this is the profile's first full sync (where its history starts).
 */
export function beginFullSyncRun(db: WritableDB, run: SyncRunStart): { firstSync: boolean } {
  insertSyncRun(db, run);
  if (readCursor(db, run.profileId) === null) {
    writeCursor(db, run.profileId, {
      afterEventId: null,
      lastEventAt: null,
      rangeStart: run.startedAt,
      updatedAt: run.startedAt,
    });
  }
  return { firstSync: lastSuccessfulFullRun(db, run.profileId) === undefined };
}

/**
 * Applies the listed directories in one transaction; with `complete` (every directory was
 * listed), cached directories the list lacks are removed with a tombstone.
 */
export function applyDirectoryList(
  db: WritableDB,
  ctx: ChangeContext,
  listed: readonly JsonObject[],
  complete: boolean,
): void {
  inTransaction(db, () => {
    for (const d of listed) upsertDirectory(db, ctx, directoryFromWire(d));
    if (!complete) return;
    const listedIds = new Set(listed.map((d) => String(d.id)));
    const cached = queryAll<{ id: string }>(db, sql`SELECT id FROM directories WHERE profile_id = ${ctx.profileId}`);
    for (const c of cached) {
      if (!listedIds.has(c.id)) removeDirectory(db, ctx, c.id, 'missing_from_full_sync');
    }
  });
}

export type RunDirectoryOutcome = Omit<SyncRunDirectoryRow, 'finished_at'> & { finished_at: string };

/** A directory applied: its strategy on the directory, its outcome on the run. */
export function recordDirectorySucceeded(db: WritableDB, profileId: string, row: RunDirectoryOutcome): void {
  inTransaction(db, () => {
    execute(
      db,
      sql`UPDATE directories SET membership_strategy = ${row.strategy}
          WHERE profile_id = ${profileId} AND id = ${row.directory_id}`,
    );
    upsertRunDirectory(db, row);
  });
}

/**
 * A directory WorkOS no longer has (404 mid-sync): its last known state is kept as tombstones.
 * Returns the change rows written.
 */
export function recordDirectoryRemoved(db: WritableDB, ctx: ChangeContext, row: RunDirectoryOutcome): number {
  return inTransaction(db, () => {
    const changes = removeDirectory(db, ctx, row.directory_id, 'directory_not_found');
    upsertRunDirectory(db, { ...row, changes });
    return changes;
  });
}

/** A directory whose sync failed or was cancelled: its cached data stays, the error is shown on it. */
export function recordDirectoryFailed(db: WritableDB, profileId: string, row: RunDirectoryOutcome): void {
  inTransaction(db, () => {
    execute(
      db,
      sql`UPDATE directories SET last_sync_status = ${row.status}, last_sync_error = ${row.error}
          WHERE profile_id = ${profileId} AND id = ${row.directory_id}`,
    );
    upsertRunDirectory(db, row);
  });
}
