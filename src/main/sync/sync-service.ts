/**
 * The scheduler: per profile, an events poll (default 60 s) and a full reconcile (default
 * 24 h), "Sync now", pause/resume and cancel. Progress and "which tables changed" go to
 * listeners (the core forwards them to the UI as `syncProgress` / `dataChanged`).
 */
import type { SyncProgress } from '../../shared/api.ts';
import type { SyncStatus } from '../../shared/api/sync.ts';
import type { Logger } from '../log.ts';
import type { ProfileManager } from '../profiles/profile-manager.ts';
import type { Store } from '../store/store.ts';
import { lastSuccessfulFullRun, listSyncRuns, toSyncRun } from '../store/sync-runs.ts';
import { WorkosClient } from '../workos/client.ts';
import type { EventsSyncSummary } from './events-sync.ts';
import { executeSyncPlan } from './execute-plan.ts';
import type { FullSyncSummary } from './full-sync.ts';
import { SyncWorkerCrashError, SyncWorkerHost } from './worker/run-in-worker.ts';

export type SyncKind = 'auto' | 'full' | 'events';
export const DEFAULT_POLL_MS = 60_000;
export const DEFAULT_RECONCILE_MS = 24 * 3600_000;
/**
 * How long after a webhook the events poll it triggers waits: WorkOS holds new events back
 * from list reads for a few seconds (docs/workos-api.md §8; the emulator: 3 s), so a poll at
 * once would see nothing yet. The webhook's own change is applied at once; the poll only
 * catches what else happened, and never moves the cursor past an event still held back.
 */
export const WEBHOOK_POLL_DELAY_MS = 5000;

export interface SyncServiceOptions {
  store: Store;
  profiles: ProfileManager;
  log: Logger;
  pollMs?: number;
  reconcileMs?: number;
  onProgress?: (progress: SyncProgress) => void;
  onDataChanged?: (profileId: string, tables: string[]) => void;
  /**
   * Run each sync in a worker thread with its own writer connection, so the thread answering
   * UI queries is never blocked by fetching or applying (the core does; the CLI need not).
   */
  useWorker?: boolean;
  /** Periodic syncs (off for the CLI and tests: syncs then run only when asked). */
  scheduling?: boolean;
  /** Per-profile poll interval (the Demo polls faster so its changes show up quickly). */
  pollMsFor?: (profileId: string) => number;
  /** Per-profile full reconcile interval (chosen in Settings). */
  reconcileMsFor?: (profileId: string) => number;
}

export interface SyncOutcome {
  full: FullSyncSummary | null;
  events: EventsSyncSummary | null;
}

interface ProfileState {
  running: { kind: 'full' | 'events' | 'reconcile'; controller: AbortController; done: Promise<SyncOutcome> } | null;
  paused: boolean;
  timer: NodeJS.Timeout | null;
  nextPollAt: number | null;
  client: { key: string; client: WorkosClient } | null;
}

export class SyncService {
  private readonly states = new Map<string, ProfileState>();
  /** Deleted profiles: never scheduled or run again (ids are never reused). */
  private readonly forgotten = new Set<string>();
  private readonly pollMs: number;
  private readonly reconcileMs: number;
  private closed = false;
  private workerHost: SyncWorkerHost | null = null;
  private useWorker: boolean;

  constructor(private readonly options: SyncServiceOptions) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.reconcileMs = options.reconcileMs ?? DEFAULT_RECONCILE_MS;
    this.useWorker = options.useWorker ?? false;
  }

  private reconcileMsOf(profileId: string): number {
    return this.options.reconcileMsFor?.(profileId) ?? this.reconcileMs;
  }

  /** True once a sync has run in the worker thread (the UI thread only read the cache). */
  get workerStarted(): boolean {
    return this.workerHost !== null;
  }

  private state(profileId: string): ProfileState {
    let s = this.states.get(profileId);
    if (!s) {
      s = { running: null, paused: false, timer: null, nextPollAt: null, client: null };
      this.states.set(profileId, s);
    }
    return s;
  }

  /** One client (and so one rate limiter) per profile and key, shared by every run. */
  private async client(profileId: string): Promise<WorkosClient> {
    const conn = await this.options.profiles.connection(profileId);
    const s = this.state(profileId);
    const key = `${conn.baseUrl}|${conn.apiKey}`;
    if (!s.client || s.client.key !== key) s.client = { key, client: new WorkosClient(conn) };
    return s.client.client;
  }

  /** Starts the periodic schedule for a profile: a sync right away, then every poll interval. */
  schedule(profileId: string, delayMs = 0): void {
    if (this.closed || this.options.scheduling === false || this.forgotten.has(profileId)) return;
    const s = this.state(profileId);
    if (s.timer) clearTimeout(s.timer);
    s.nextPollAt = Date.now() + delayMs;
    s.timer = setTimeout(() => {
      s.timer = null;
      const next = (): void => this.schedule(profileId, this.options.pollMsFor?.(profileId) ?? this.pollMs);
      if (s.paused || s.running) return next();
      this.run(profileId, 'auto').then(next, (err: unknown) => {
        // A profile deleted mid-run said so once already (forget).
        if (this.forgotten.has(profileId)) return;
        this.options.log.warn(
          `scheduled sync of ${profileId} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        next();
      });
    }, delayMs);
    s.timer.unref();
  }

  /**
   * A webhook for this profile was applied: poll events once the hold-back has passed, unless
   * a poll is due sooner anyway. The cursor itself only ever moves from the Events API.
   */
  pollAfterWebhook(profileId: string, delayMs = WEBHOOK_POLL_DELAY_MS): void {
    if (this.closed || this.options.scheduling === false || this.forgotten.has(profileId)) return;
    const s = this.state(profileId);
    if (s.timer && s.nextPollAt !== null && s.nextPollAt <= Date.now() + delayMs) return;
    this.schedule(profileId, delayMs);
  }

  /** "Sync now": starts a run unless one is already going; resolves when it ends. */
  start(
    profileId: string,
    kind: SyncKind = 'auto',
    directoryId?: string,
  ): { started: boolean; message: string; done: Promise<SyncOutcome> | null } {
    const s = this.state(profileId);
    if (s.running)
      return {
        started: false,
        message: `A ${s.running.kind} sync is already running for this profile.`,
        done: s.running.done,
      };
    const done = this.run(profileId, kind, directoryId);
    return { started: true, message: 'Sync started.', done };
  }

  /** Runs a sync to the end (the CLI awaits this). */
  async run(profileId: string, kind: SyncKind, directoryId?: string): Promise<SyncOutcome> {
    if (this.forgotten.has(profileId)) throw new Error(`The profile ${profileId} was deleted.`);
    const s = this.state(profileId);
    if (s.running) return s.running.done;
    const controller = new AbortController();
    const resolved = this.resolveKind(profileId, kind, directoryId);
    const done = this.execute(profileId, resolved, controller, directoryId).finally(() => {
      s.running = null;
    });
    s.running = { kind: resolved.kind, controller, done };
    return done;
  }

  private resolveKind(
    profileId: string,
    kind: SyncKind,
    directoryId?: string,
  ): { kind: 'full' | 'events' | 'reconcile'; reason: string | null } {
    if (kind === 'full' || directoryId) return { kind: 'full', reason: 'requested' };
    if (kind === 'events') return { kind: 'events', reason: null };
    const last = lastSuccessfulFullRun(this.options.store.reader, profileId);
    if (!last) return { kind: 'full', reason: 'first sync of this profile' };
    if (Date.now() - Date.parse(last.finished_at ?? last.started_at) > this.reconcileMsOf(profileId))
      return { kind: 'reconcile', reason: 'periodic reconcile' };
    return { kind: 'events', reason: null };
  }

  private async execute(
    profileId: string,
    plan: { kind: 'full' | 'events' | 'reconcile'; reason: string | null },
    controller: AbortController,
    directoryId?: string,
  ): Promise<SyncOutcome> {
    const onDataChanged = (tables: string[]): void => this.options.onDataChanged?.(profileId, tables);
    if (this.useWorker && this.options.store.path !== ':memory:') {
      const connection = await this.options.profiles.connection(profileId);
      this.workerHost ??= new SyncWorkerHost();
      const run = this.workerHost.run(
        { dbPath: this.options.store.path, profileId, connection, plan, directoryId },
        { onProgress: this.options.onProgress, onDataChanged },
      );
      controller.signal.addEventListener('abort', () => run.cancel(), { once: true });
      try {
        return await run.done;
      } catch (err) {
        if (!(err instanceof SyncWorkerCrashError)) throw err;
        // e.g. a packaged build without the worker entry: sync on this thread rather than not at all.
        this.options.log.warn(`${err.message}; syncing on the main thread from now on`);
        this.useWorker = false;
      }
    }
    return executeSyncPlan({
      store: this.options.store,
      client: await this.client(profileId),
      profileId,
      plan,
      directoryId,
      signal: controller.signal,
      onProgress: this.options.onProgress,
      onDataChanged,
    });
  }

  /**
   * A profile was deleted: its schedule stops, a running sync is cancelled, and its client
   * (holding the key) is dropped here and in the worker. Logs once.
   */
  forget(profileId: string, name = profileId): void {
    if (this.forgotten.has(profileId)) return;
    this.forgotten.add(profileId);
    const s = this.states.get(profileId);
    if (s?.timer) clearTimeout(s.timer);
    s?.running?.controller.abort(new Error('profile deleted'));
    if (s) {
      s.timer = null;
      s.client = null;
    }
    this.states.delete(profileId);
    this.workerHost?.forget(profileId);
    this.options.log.info(`profile "${name}" deleted: its syncs stopped and its key was dropped from memory`);
  }

  cancel(profileId: string): boolean {
    const s = this.states.get(profileId);
    if (!s?.running) return false;
    s.running.controller.abort(new Error('cancelled'));
    return true;
  }

  pause(profileId: string): SyncStatus {
    this.state(profileId).paused = true;
    return this.status(profileId);
  }

  isPaused(profileId: string): boolean {
    return this.states.get(profileId)?.paused ?? false;
  }

  resume(profileId: string): SyncStatus {
    this.state(profileId).paused = false;
    return this.status(profileId);
  }

  status(profileId: string): SyncStatus {
    const s = this.state(profileId);
    const runs = listSyncRuns(this.options.store.reader, profileId, 1);
    const lastFull = lastSuccessfulFullRun(this.options.store.reader, profileId);
    const lastFullAt = lastFull?.finished_at ?? null;
    return {
      profileId,
      running: s.running?.kind ?? null,
      paused: s.paused,
      lastRun: runs[0] ? toSyncRun(runs[0]) : null,
      lastFullSyncAt: lastFullAt,
      nextEventsPollAt: s.timer && s.nextPollAt !== null && !s.paused ? new Date(s.nextPollAt).toISOString() : null,
      nextReconcileAt: lastFullAt
        ? new Date(Date.parse(lastFullAt) + this.reconcileMsOf(profileId)).toISOString()
        : null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<unknown>[] = [];
    for (const s of this.states.values()) {
      if (s.timer) clearTimeout(s.timer);
      if (s.running) {
        s.running.controller.abort(new Error('closing'));
        running.push(s.running.done.catch(() => undefined));
      }
    }
    await Promise.all(running);
    await this.workerHost?.close();
  }
}
