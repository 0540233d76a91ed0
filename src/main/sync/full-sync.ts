/**
 * A full sync of a profile: list every directory, apply the directory list, then sync the
 * directories concurrently. One directory failing (bad response, 404, server trouble) does
 * not stop the others; an invalid key stops everything before the cache is touched.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { RunDirectoryOutcome } from '../store/full-sync-writes.ts';
import type { ChangeContext, JsonObject } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { SyncRunKind, SyncRunStatus } from '../store/sync-runs.ts';
import type { CacheWrites, WriterWork } from '../store/writer-thread/cache-writes.ts';
import { openCacheWrites, type CacheWriterMode } from '../store/writer-thread/host.ts';
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
  /**
   * Where the sync writes the cache: a writer thread of its own (the default; applying a
   * directory then never holds up the requests of the others), or inline on `store.writer`.
   */
  writer?: CacheWriterMode;
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
  /** E.g. records of another directory that its lists returned (ignored). */
  warnings: string[];
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
  /** Every directory's warnings, also stored with the run. */
  warnings: string[];
  durationMs: number;
  /** Where the cache writes ran: "writer thread", or "inline (why)". */
  writer: string;
  /** What the writer thread did: ms busy, ms of CPU, peak heap (null when the writes ran inline). */
  writerWork: WriterWork | null;
}

export function describeSyncError(err: unknown): string {
  if (err instanceof WorkosApiError || err instanceof SchemaViolationError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) {
    return 'The cache stayed busy with another sync writing to it for over 5 s, so this sync stopped. Nothing was half-written; the next sync continues from where it stopped.';
  }
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
  const writes = await openCacheWrites(options.store, options.writer);
  let summary: Omit<FullSyncSummary, 'writerWork'>;
  try {
    summary = await runFullSyncWith(options, writes);
  } finally {
    await writes.close();
  }
  // After close: the thread's CPU time is known once it has finished.
  return { ...summary, writerWork: writes.work() };
}

async function runFullSyncWith(
  options: FullSyncOptions,
  writes: CacheWrites,
): Promise<Omit<FullSyncSummary, 'writerWork'>> {
  const { client, profileId } = options;
  const kind = options.kind ?? 'full';
  const signal = options.signal ?? new AbortController().signal;
  // Every paced request waiting on the limiter listens for cancellation.
  setMaxListeners(0, signal);
  const runId = randomUUID();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const statsBefore = { ...client.stats };
  const progress = new ProgressTracker(profileId, runId, client.stats, options.onProgress ?? (() => {}));
  progress.showWaits(client);
  // Directories seen by a profile's first full sync are where its history starts.
  const { firstSync } = await writes.call('beginFullSyncRun', {
    id: runId,
    profileId,
    kind,
    reason: options.reason ?? null,
    directoryId: options.directoryIds?.[0] ?? null,
    startedAt,
  });

  const outcomes: DirectoryOutcome[] = [];
  let runError: string | null = null;
  let status: SyncRunStatus = 'succeeded';

  try {
    progress.emit('directories', null, null);
    const listed = await listAllDirectories(client, signal);
    await writes.call('setProfileStatus', profileId, 'ok', null, new Date().toISOString());
    const wanted = options.directoryIds ? listed.filter((d) => options.directoryIds!.includes(d.id)) : listed;
    if (options.directoryIds) {
      const missing = options.directoryIds.filter((id) => !listed.some((d) => d.id === id));
      if (missing.length > 0) throw new Error(`No directory ${missing.join(', ')} in this WorkOS environment.`);
    }
    await writes.call(
      'applyDirectoryList',
      { profileId, at: new Date().toISOString(), source: 'full_sync', runId, eventId: null, baseline: firstSync },
      listed as unknown as JsonObject[],
      !options.directoryIds,
    );
    options.onDataChanged?.(['directories', 'organizations']);
    for (const d of wanted) {
      const meta = d.metadata as { users?: { active?: number; inactive?: number }; groups?: number } | undefined;
      if (meta) progress.expect((meta.users?.active ?? 0) + (meta.users?.inactive ?? 0) + (meta.groups ?? 0));
    }

    const concurrency = options.directoryConcurrency ?? defaultDirectoryConcurrency(client.limiter.limits);
    // Directories started earlier get a larger share of the key's requests (request-priority.ts):
    // they finish spread over the run, so each apply (on the writer thread) overlaps the others'
    // network instead of applies queuing up after the last page.
    await runPool(wanted, concurrency, async (dir, index) => {
      outcomes.push(
        await withRequestRank(index, () =>
          syncOneDirectory(options, writes, dir, runId, progress, signal, Math.min(concurrency, wanted.length)),
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
      await writes.call('setProfileStatus', profileId, profileStatus, err.message, new Date().toISOString());
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
  const warnings = outcomes.flatMap((o) => o.warnings);
  await writes.call('finishSyncRun', runId, {
    status,
    finishedAt: new Date().toISOString(),
    ...stats,
    changes,
    error: runError,
    warnings,
  });
  // The run's row, and the profile's status (ok, or why the key was refused); before the final
  // progress event, so whoever acts on "done" finds them announced.
  options.onDataChanged?.(['sync_runs', 'profiles']);
  progress.emit(
    status === 'succeeded' || status === 'partial' ? 'done' : status === 'cancelled' ? 'cancelled' : 'failed',
    null,
    runError,
  );
  return {
    runId,
    kind,
    status,
    error: runError,
    directories: outcomes,
    ...stats,
    changes,
    warnings,
    durationMs: performance.now() - started,
    writer: writes.where,
  };
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
  writes: CacheWrites,
  dir: WireDirectory,
  runId: string,
  progress: ProgressTracker,
  signal: AbortSignal,
  concurrentDirectories: number,
): Promise<DirectoryOutcome> {
  const { profileId } = options;
  const startedAt = new Date().toISOString();
  const none = { users: 0, groups: 0, memberships: 0, changes: 0, strategy: null };
  const row = (
    status: RunDirectoryOutcome['status'],
    counts: Pick<RunDirectoryOutcome, 'users' | 'groups' | 'memberships' | 'changes' | 'strategy'>,
    error: string | null,
  ): RunDirectoryOutcome => ({
    run_id: runId,
    directory_id: dir.id,
    started_at: startedAt,
    status,
    ...counts,
    error,
    finished_at: new Date().toISOString(),
  });
  // Not awaited: the writer records it in order, before anything the directory stages.
  void writes.call('upsertRunDirectory', { ...row('running', none, null), finished_at: null }).catch(() => undefined);
  try {
    const { scope, ...result } = await syncDirectory(
      {
        writes,
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
    await writes.call('recordDirectorySucceeded', profileId, row('succeeded', result, null));
    options.onDataChanged?.(['users', 'groups', 'memberships', 'changes', 'tombstones']);
    return {
      directoryId: dir.id,
      name: dir.name,
      status: 'succeeded',
      ...result,
      error: null,
      warnings: scope.warnings(dir.name),
    };
  } catch (err) {
    const message = describeSyncError(err);
    if (err instanceof WorkosApiError && err.kind === 'not_found') {
      // The directory vanished mid-sync: keep its last known state as tombstones, carry on.
      const removed = row('removed', none, message);
      const ctx: ChangeContext = {
        profileId,
        at: removed.finished_at,
        source: 'full_sync',
        runId,
        eventId: null,
        baseline: false,
      };
      const changes = await writes.call('recordDirectoryRemoved', ctx, removed);
      options.onDataChanged?.(['directories', 'users', 'groups', 'memberships', 'changes', 'tombstones']);
      return { directoryId: dir.id, name: dir.name, status: 'removed', ...none, changes, error: message, warnings: [] };
    }
    const status = signal.aborted ? 'cancelled' : 'failed';
    await writes.call('recordDirectoryFailed', profileId, row(status, none, message));
    return { directoryId: dir.id, name: dir.name, status, ...none, error: message, warnings: [] };
  }
}
