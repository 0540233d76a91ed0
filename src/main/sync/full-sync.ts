/**
 * A full sync of a profile: list every directory, apply the directory list, then sync the
 * directories concurrently. One directory failing (bad response, 404, server trouble) does
 * not stop the others; an invalid key stops everything before the cache is touched.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { writeCursor, readCursor } from '../store/cursors.ts';
import { removeDirectory, upsertDirectory } from '../store/directory-writes.ts';
import { execute, inTransaction, queryAll } from '../store/exec.ts';
import { setProfileStatus } from '../store/profiles-table.ts';
import { directoryFromWire, type ChangeContext } from '../store/records.ts';
import { sql } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import {
  finishSyncRun,
  insertSyncRun,
  lastSuccessfulFullRun,
  upsertRunDirectory,
  type SyncRunKind,
  type SyncRunStatus,
} from '../store/sync-runs.ts';
import type { WorkosClient } from '../workos/client.ts';
import { withRequestRank } from '../workos/request-priority.ts';
import { WorkosApiError } from '../workos/errors.ts';
import type { RateLimits } from '../workos/rate-limiter.ts';
import { SchemaViolationError, type WireDirectory } from '../workos/wire-schemas.ts';
import { syncDirectory } from './directory-sync.ts';
import type { MembershipStrategy } from './membership-strategy.ts';
import { runPool } from './pool.ts';
import { ProgressTracker, type ProgressListener } from './progress.ts';

export interface FullSyncOptions {
  store: Store;
  client: WorkosClient;
  profileId: string;
  kind?: Extract<SyncRunKind, 'full' | 'reconcile'>;
  reason?: string | null;
  /** Only these directories (the directory list is still read to know their state). */
  directoryIds?: readonly string[];
  directoryConcurrency?: number;
  requestConcurrency?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  onDataChanged?: (tables: string[]) => void;
}

export interface DirectoryOutcome {
  directoryId: string;
  name: string;
  status: 'succeeded' | 'failed' | 'removed' | 'cancelled';
  users: number;
  groups: number;
  memberships: number;
  changes: number;
  strategy: MembershipStrategy | null;
  error: string | null;
}

export interface FullSyncSummary {
  runId: string;
  kind: 'full' | 'reconcile';
  status: SyncRunStatus;
  error: string | null;
  directories: DirectoryOutcome[];
  requests: number;
  directoryUsersRequests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
  changes: number;
  durationMs: number;
}

export function describeSyncError(err: unknown): string {
  if (err instanceof WorkosApiError || err instanceof SchemaViolationError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return 'The disk is full (or the cache reached its size limit); nothing of this directory was written. Free some space and sync again.';
  }
  if (
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_IOERR' ||
    (typeof code === 'string' && code.startsWith('SQLITE_IOERR'))
  ) {
    return `The cache could not be written (${String(code)}); nothing of this directory was written. Check the data folder's permissions and disk.`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

async function listAllDirectories(client: WorkosClient, signal: AbortSignal): Promise<WireDirectory[]> {
  const all: WireDirectory[] = [];
  await client.paginate(
    (after) => client.listDirectories(after, signal),
    (page) => void all.push(...page),
  );
  return all;
}

export async function runFullSync(options: FullSyncOptions): Promise<FullSyncSummary> {
  const { store, client, profileId } = options;
  const kind = options.kind ?? 'full';
  const signal = options.signal ?? new AbortController().signal;
  // Every paced request waiting on the limiter listens for cancellation.
  setMaxListeners(0, signal);
  const runId = randomUUID();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const statsBefore = { ...client.stats };
  const progress = new ProgressTracker(profileId, runId, client.stats, options.onProgress ?? (() => {}));
  insertSyncRun(store.writer, {
    id: runId,
    profileId,
    kind,
    reason: options.reason ?? null,
    directoryId: options.directoryIds?.[0] ?? null,
    startedAt,
  });
  // Events from the moment this snapshot began are replayed on top of it by the incremental sync.
  if (readCursor(store.writer, profileId) === null) {
    writeCursor(store.writer, profileId, {
      afterEventId: null,
      lastEventAt: null,
      rangeStart: startedAt,
      updatedAt: startedAt,
    });
  }

  const outcomes: DirectoryOutcome[] = [];
  let runError: string | null = null;
  let status: SyncRunStatus = 'succeeded';

  try {
    progress.emit('directories', null, null);
    const listed = await listAllDirectories(client, signal);
    setProfileStatus(store.writer, profileId, 'ok', null, new Date().toISOString());
    const wanted = options.directoryIds ? listed.filter((d) => options.directoryIds!.includes(d.id)) : listed;
    if (options.directoryIds) {
      const missing = options.directoryIds.filter((id) => !listed.some((d) => d.id === id));
      if (missing.length > 0) throw new Error(`No directory ${missing.join(', ')} in this WorkOS environment.`);
    }
    // Directories seen by a profile's first full sync are where its history starts.
    const firstSync = lastSuccessfulFullRun(store.writer, profileId) === undefined;
    applyDirectoryList(
      store,
      { profileId, at: new Date().toISOString(), source: 'full_sync', runId, eventId: null, baseline: firstSync },
      listed,
      !options.directoryIds,
    );
    options.onDataChanged?.(['directories', 'organizations']);
    for (const d of wanted) {
      const meta = d.metadata as { users?: { active?: number; inactive?: number }; groups?: number } | undefined;
      if (meta) progress.expect((meta.users?.active ?? 0) + (meta.users?.inactive ?? 0) + (meta.groups ?? 0));
    }

    const concurrency = options.directoryConcurrency ?? defaultDirectoryConcurrency(client.limiter.limits);
    // Requests of directories started earlier go first (request-priority.ts): directories
    // finish one after another, so each apply overlaps the others' network instead of all
    // applies queuing up after the last page.
    await runPool(wanted, concurrency, async (dir, index) => {
      outcomes.push(
        await withRequestRank(index, () =>
          syncOneDirectory(options, dir, runId, progress, signal, Math.min(concurrency, wanted.length)),
        ),
      );
    });
    if (signal.aborted) status = 'cancelled';
    else if (outcomes.some((o) => o.status === 'failed'))
      status = outcomes.every((o) => o.status === 'failed') ? 'failed' : 'partial';
  } catch (err) {
    runError = describeSyncError(err);
    status = signal.aborted ? 'cancelled' : 'failed';
    if (
      err instanceof WorkosApiError &&
      (err.kind === 'unauthorized' || err.kind === 'forbidden' || err.kind === 'network')
    ) {
      const profileStatus =
        err.kind === 'unauthorized' ? 'invalid_key' : err.kind === 'forbidden' ? 'forbidden' : 'unreachable';
      setProfileStatus(store.writer, profileId, profileStatus, err.message, new Date().toISOString());
    }
  }

  const changes = outcomes.reduce((n, o) => n + o.changes, 0);
  const stats = {
    requests: client.stats.requests - statsBefore.requests,
    directoryUsersRequests: client.stats.directoryUsersRequests - statsBefore.directoryUsersRequests,
    retries: client.stats.retries - statsBefore.retries,
    rateLimited: client.stats.rateLimited - statsBefore.rateLimited,
    rateLimitWaitMs: client.stats.rateLimitWaitMs - statsBefore.rateLimitWaitMs,
  };
  if (!runError && status !== 'succeeded') {
    runError =
      outcomes
        .filter((o) => o.error)
        .map((o) => `${o.directoryId}: ${o.error}`)
        .join('; ') || null;
  }
  finishSyncRun(store.writer, runId, {
    status,
    finishedAt: new Date().toISOString(),
    ...stats,
    changes,
    error: runError,
  });
  progress.emit(
    status === 'succeeded' || status === 'partial' ? 'done' : status === 'cancelled' ? 'cancelled' : 'failed',
    null,
    runError,
  );
  options.onDataChanged?.(['sync_runs']);
  return {
    runId,
    kind,
    status,
    error: runError,
    directories: outcomes,
    ...stats,
    changes,
    durationMs: performance.now() - started,
  };
}

function applyDirectoryList(store: Store, ctx: ChangeContext, listed: WireDirectory[], complete: boolean): void {
  inTransaction(store.writer, () => {
    for (const d of listed) upsertDirectory(store.writer, ctx, directoryFromWire(d));
    if (!complete) return;
    const cached = queryAll<{ id: string }>(
      store.writer,
      sql`SELECT id FROM directories WHERE profile_id = ${ctx.profileId}`,
    );
    for (const c of cached) {
      if (!listed.some((d) => d.id === c.id)) removeDirectory(store.writer, ctx, c.id, 'missing_from_full_sync');
    }
  });
}

/**
 * How many directories sync at once, from the limits: each directory's `/directory_users`
 * bucket lets it draw at most 4/s from the key's 100/s, so filling the key's bucket takes
 * 25 directories drawing at full speed; twice that covers the ones between phases (listing
 * groups, waiting on a cursor chain, applying). Capped so staging stays bounded.
 */
export function defaultDirectoryConcurrency(limits: RateLimits): number {
  const keyPerSecond = (limits.globalLimit / limits.globalWindowMs) * 1000;
  const perDirectory = Math.max(1e-9, limits.directoryUsersPerSecond);
  return Math.max(8, Math.min(64, Math.ceil((2 * keyPerSecond) / perDirectory)));
}

/** Users and groups counts from the directory's `metadata`, when WorkOS sent them. */
function directorySize(dir: WireDirectory): { users: number; groups: number } | null {
  const meta = dir.metadata as { users?: { active?: unknown; inactive?: unknown }; groups?: unknown } | undefined;
  const active = meta?.users?.active;
  const inactive = meta?.users?.inactive;
  if (typeof active !== 'number' || typeof inactive !== 'number' || typeof meta?.groups !== 'number') return null;
  return { users: active + inactive, groups: meta.groups };
}

async function syncOneDirectory(
  options: FullSyncOptions,
  dir: WireDirectory,
  runId: string,
  progress: ProgressTracker,
  signal: AbortSignal,
  concurrentDirectories: number,
): Promise<DirectoryOutcome> {
  const { store, profileId } = options;
  const startedAt = new Date().toISOString();
  const base = { run_id: runId, directory_id: dir.id, started_at: startedAt };
  upsertRunDirectory(store.writer, {
    ...base,
    status: 'running',
    users: 0,
    groups: 0,
    memberships: 0,
    changes: 0,
    strategy: null,
    error: null,
  });
  try {
    const result = await syncDirectory(
      {
        store,
        client: options.client,
        profileId,
        runId,
        limits: options.client.limiter.limits,
        concurrentDirectories,
        // Enough requests in flight to keep the buckets busy at ~200 ms latency (the limiter still paces them).
        requestConcurrency: options.requestConcurrency ?? 24,
        progress,
        signal,
        source: 'full_sync',
      },
      dir.id,
      directorySize(dir),
    );
    execute(
      store.writer,
      sql`UPDATE directories SET membership_strategy = ${result.strategy} WHERE profile_id = ${profileId} AND id = ${dir.id}`,
    );
    upsertRunDirectory(store.writer, {
      ...base,
      status: 'succeeded',
      ...result,
      error: null,
      finished_at: new Date().toISOString(),
    });
    options.onDataChanged?.(['users', 'groups', 'memberships', 'changes', 'tombstones']);
    return { directoryId: dir.id, name: dir.name, status: 'succeeded', ...result, error: null };
  } catch (err) {
    const message = describeSyncError(err);
    const finished = new Date().toISOString();
    if (err instanceof WorkosApiError && err.kind === 'not_found') {
      // The directory vanished mid-sync: keep its last known state as tombstones, carry on.
      const ctx: ChangeContext = {
        profileId,
        at: finished,
        source: 'full_sync',
        runId,
        eventId: null,
        baseline: false,
      };
      const changes = inTransaction(store.writer, () =>
        removeDirectory(store.writer, ctx, dir.id, 'directory_not_found'),
      );
      upsertRunDirectory(store.writer, {
        ...base,
        status: 'removed',
        users: 0,
        groups: 0,
        memberships: 0,
        changes,
        strategy: null,
        error: message,
        finished_at: finished,
      });
      options.onDataChanged?.(['directories', 'users', 'groups', 'memberships', 'changes', 'tombstones']);
      return {
        directoryId: dir.id,
        name: dir.name,
        status: 'removed',
        users: 0,
        groups: 0,
        memberships: 0,
        changes,
        strategy: null,
        error: message,
      };
    }
    const status = signal.aborted ? 'cancelled' : 'failed';
    execute(
      store.writer,
      sql`UPDATE directories SET last_sync_status = ${status}, last_sync_error = ${message} WHERE profile_id = ${profileId} AND id = ${dir.id}`,
    );
    upsertRunDirectory(store.writer, {
      ...base,
      status,
      users: 0,
      groups: 0,
      memberships: 0,
      changes: 0,
      strategy: null,
      error: message,
      finished_at: finished,
    });
    return {
      directoryId: dir.id,
      name: dir.name,
      status,
      users: 0,
      groups: 0,
      memberships: 0,
      changes: 0,
      strategy: null,
      error: message,
    };
  }
}
