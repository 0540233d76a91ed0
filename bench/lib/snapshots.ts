/**
 * Directory snapshots taken straight from the emulator's model (no HTTP), and writing them into
 * the cache exactly the way a full sync does: stage page by page, then apply the directory in one
 * transaction with change detection and history. Used to build large caches quickly.
 */
import { randomUUID } from 'node:crypto';
import type {
  Membership,
  RunningEmulator,
  WireDirectory,
  WireDirectoryGroup,
  WireDirectoryUser,
} from '../../src/emulator/index.ts';
import { upsertDirectory } from '../../src/main/store/directory-writes.ts';
import { inTransaction } from '../../src/main/store/exec.ts';
import { directoryFromWire, type ChangeContext, type JsonObject } from '../../src/main/store/records.ts';
import {
  applyStagedDirectory,
  stageGroups,
  stageMemberships,
  stageUsers,
} from '../../src/main/store/snapshot-apply.ts';
import type { Store } from '../../src/main/store/store.ts';
import { finishSyncRun, insertSyncRun } from '../../src/main/store/sync-runs.ts';

export interface DirectorySnapshot {
  directory: WireDirectory;
  users: WireDirectoryUser[];
  groups: WireDirectoryGroup[];
  memberships: Membership[];
}

const PAGE = 100;

export function snapshotOf(emu: RunningEmulator, directoryId: string): DirectorySnapshot {
  const truth = emu.control.truth({ directoryId });
  const directory = truth.directories[0];
  if (!directory) throw new Error(`no directory ${directoryId} in the emulator`);
  return {
    directory,
    users: truth.users.map(({ groups: _groups, ...user }) => user),
    groups: truth.groups,
    memberships: truth.memberships,
  };
}

/** Stages a snapshot in pages of 100 (as pages arrive from WorkOS) and applies it. Returns changes. */
export function writeSnapshot(store: Store, ctx: ChangeContext, runId: string, snap: DirectorySnapshot): number {
  return writeSnapshotTimed(store, ctx, runId, snap).changes;
}

/** `writeSnapshot`, saying how long staging (page by page) and the apply (one transaction) took. */
export function writeSnapshotTimed(
  store: Store,
  ctx: ChangeContext,
  runId: string,
  snap: DirectorySnapshot,
): { changes: number; stageMs: number; applyMs: number } {
  const dirId = snap.directory.id;
  inTransaction(store.writer, () =>
    upsertDirectory(store.writer, ctx, directoryFromWire(snap.directory as unknown as JsonObject)),
  );
  const t0 = performance.now();
  for (let i = 0; i < snap.groups.length; i += PAGE) {
    stageGroups(store.writer, runId, dirId, snap.groups.slice(i, i + PAGE) as unknown as JsonObject[]);
  }
  for (let i = 0; i < snap.users.length; i += PAGE) {
    stageUsers(store.writer, runId, dirId, snap.users.slice(i, i + PAGE) as unknown as JsonObject[]);
  }
  for (let i = 0; i < snap.memberships.length; i += PAGE) {
    stageMemberships(
      store.writer,
      runId,
      dirId,
      snap.memberships.slice(i, i + PAGE).map((m) => ({ groupId: m.group_id, userId: m.user_id })),
    );
  }
  const t1 = performance.now();
  const { changes } = applyStagedDirectory(store.writer, ctx, runId, dirId);
  return { changes, stageMs: t1 - t0, applyMs: performance.now() - t1 };
}

/** A sync run row around `work`, so diffs can name runs. */
export function inSyncRun(
  store: Store,
  profileId: string,
  work: (ctx: ChangeContext, runId: string) => number,
): { runId: string; changes: number } {
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  insertSyncRun(store.writer, { id: runId, profileId, kind: 'full', reason: 'bench', directoryId: null, startedAt });
  const ctx: ChangeContext = { profileId, at: startedAt, source: 'full_sync', runId, eventId: null, baseline: false };
  const changes = work(ctx, runId);
  finishSyncRun(store.writer, runId, {
    status: 'succeeded',
    finishedAt: new Date().toISOString(),
    requests: 0,
    rateLimitWaitMs: 0,
    retries: 0,
    changes,
    error: null,
  });
  return { runId, changes };
}

/** A changed copy of a user: title, department and (for every fifth) state, as HR edits do. */
export function editedUser(user: WireDirectoryUser, k: number, at: string): WireDirectoryUser {
  return {
    ...user,
    job_title: `${user.job_title ?? 'Staff'} II`,
    custom_attributes: { ...user.custom_attributes, department: `Reorg ${k % 17}` },
    state: k % 5 === 0 ? (user.state === 'active' ? 'inactive' : 'active') : user.state,
    updated_at: at,
  };
}
