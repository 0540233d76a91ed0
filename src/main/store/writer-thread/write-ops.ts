/**
 * Every cache write of a sync, by name: the operations the sync's writer thread runs
 * (cache-writer.ts), or runs inline on a given connection (cache-writes.ts). Each takes the
 * writer connection first, then structured-cloneable arguments, and returns plain data.
 */
import { applyEventBatch } from '../../sync/apply-event-batch.ts';
import { writeCursor } from '../cursors.ts';
import type { WritableDB } from '../db-types.ts';
import {
  applyDirectoryList,
  beginFullSyncRun,
  recordDirectoryFailed,
  recordDirectoryRemoved,
  recordDirectorySucceeded,
} from '../full-sync-writes.ts';
import { setProfileStatus } from '../profiles-table.ts';
import type { ChangeContext } from '../records.ts';
import { applyStagedDirectory, discardStaged } from '../snapshot-apply.ts';
import { insertStagedGroups, insertStagedUsers, stageMemberships, stagedUserIds } from '../staging.ts';
import { finishSyncRun, upsertRunDirectory } from '../sync-runs.ts';

export const writeOps = {
  beginFullSyncRun,
  finishSyncRun,
  setProfileStatus,
  applyDirectoryList,
  upsertRunDirectory,
  recordDirectorySucceeded,
  recordDirectoryRemoved,
  recordDirectoryFailed,
  // Rows already computed by the caller (stagedUserValues / stagedGroupValues): the writer only inserts.
  insertStagedUsers,
  insertStagedGroups,
  stageMemberships,
  // Read back by a sync that reads memberships per user (it does not keep every id meanwhile).
  stagedUserIds,
  // Without the phase timer: a function cannot cross to the thread.
  applyStagedDirectory: (db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string) =>
    applyStagedDirectory(db, ctx, runId, directoryId),
  discardStaged,
  // An Events API run: a batch of events and the cursor past them, one transaction.
  applyEventBatch,
  writeCursor,
} satisfies Record<string, (db: WritableDB, ...args: never[]) => unknown>;

export type WriteOps = typeof writeOps;
export type WriteOpName = keyof WriteOps;
export type WriteOpArgs<K extends WriteOpName> = WriteOps[K] extends (db: WritableDB, ...args: infer A) => unknown
  ? A
  : never;
export type WriteOpResult<K extends WriteOpName> = ReturnType<WriteOps[K]>;

export function isWriteOpName(name: unknown): name is WriteOpName {
  return typeof name === 'string' && Object.hasOwn(writeOps, name);
}

/** Runs one named operation on `db` (the arguments are whatever the caller sent). */
export function runWriteOp(db: WritableDB, op: WriteOpName, args: readonly unknown[]): unknown {
  const fn = writeOps[op] as (db: WritableDB, ...args: readonly unknown[]) => unknown;
  return fn(db, ...args);
}
