/**
 * Builds the cache and sync services for the core: the store, profiles (keys in a 0600 file
 * store unless the shell supplies another KeyStore), the scheduler, and the profiles/health
 * services the shell's own methods read. With nothing configured the Demo profile (backed by
 * the built-in emulator) is active, and `autoSync` starts syncing it at once.
 */
import type { SyncProgress } from '../../shared/api.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { HealthService, ProfilesService } from '../core/context.ts';
import type { Logger } from '../log.ts';
import { FileKeyStore, type KeyStore } from '../profiles/key-store.ts';
import { ProfileManager } from '../profiles/profile-manager.ts';
import { healthSummary } from '../store/queries/directories-query.ts';
import { openStore, type Store } from '../store/store.ts';
import { formatBytes } from '../workos/request-bounds.ts';
import { DEFAULT_POLL_MS, DEFAULT_RECONCILE_MS, SyncService } from './sync-service.ts';
import { DEMO_PROFILE_ID } from '../profiles/demo-backend.ts';
import { SyncIntervalsService } from '../profiles/sync-intervals.ts';

/** The demo's emulator changes something every 20 s; poll often enough to show it. */
const DEMO_POLL_MS = 10_000;

export interface SyncServices {
  store: Store;
  profileManager: ProfileManager;
  sync: SyncService;
  profiles: ProfilesService;
  health: HealthService;
  intervals: SyncIntervalsService;
  close(): Promise<void>;
}

export interface SyncServicesOptions {
  dataDir: string;
  log: Logger;
  events: EventBus;
  keys?: KeyStore;
  envKey?: string | null;
  /** Schedule every profile's periodic sync (the demo's first sync starts right away). */
  autoSync: boolean;
  pollMs?: number;
  /** Syncs run in a worker thread (default true); the CLI runs them in its own thread. */
  useWorker?: boolean;
}

/** Progress at most every 100 ms per profile, but phase changes and messages (retries) always go through. */
function throttledProgress(events: EventBus): (p: SyncProgress) => void {
  const last = new Map<string, { at: number; phase: string }>();
  return (p) => {
    const prev = last.get(p.profileId);
    const now = performance.now();
    if (prev && prev.phase === p.phase && p.message === null && now - prev.at < 100) return;
    last.set(p.profileId, { at: now, phase: p.phase });
    events.emit('syncProgress', p);
  };
}

export function createSyncServices(options: SyncServicesOptions): SyncServices {
  const opening = performance.now();
  const store = openStore(options.dataDir, {
    isDataDir: true,
    onMigrationStart: (m) =>
      options.log.info(
        `upgrading the cache from schema ${m.from} to ${m.to}: copying it (${formatBytes(m.bytes)}) to ${m.backupPath} first; a large cache takes minutes`,
      ),
  });
  if (store.migration.backupPath)
    options.log.info(
      `cache migrated to schema ${store.migration.to} in ${((performance.now() - opening) / 1000).toFixed(1)} s; backup at ${store.migration.backupPath}`,
    );
  const profileManager = new ProfileManager({
    store,
    keys: options.keys ?? new FileKeyStore(options.dataDir),
    envKey: options.envKey === undefined ? (process.env.WORKOS_API_KEY ?? null) : options.envKey,
  });
  // Intervals chosen in Settings win; otherwise the Demo polls fast and others every minute.
  const intervals: SyncIntervalsService = new SyncIntervalsService({
    reader: store.reader,
    writer: store.writer,
    defaultPollMs: (profileId) => (profileId === DEMO_PROFILE_ID ? DEMO_POLL_MS : (options.pollMs ?? DEFAULT_POLL_MS)),
    defaultReconcileMs: DEFAULT_RECONCILE_MS,
    reschedule: (profileId, delayMs) => sync.schedule(profileId, delayMs),
  });
  const sync = new SyncService({
    store,
    profiles: profileManager,
    log: options.log,
    pollMs: options.pollMs,
    useWorker: options.useWorker ?? true,
    scheduling: options.autoSync,
    pollMsFor: (profileId) => intervals.pollMs(profileId),
    reconcileMsFor: (profileId) => intervals.reconcileMs(profileId),
    onProgress: throttledProgress(options.events),
    onDataChanged: (profileId, tables) => options.events.emit('dataChanged', { profileId, tables }),
  });
  if (options.autoSync) for (const p of profileManager.list()) sync.schedule(p.id, 0);
  return {
    store,
    profileManager,
    sync,
    profiles: { list: () => profileManager.list() },
    intervals,
    health: { summary: (profileId) => healthSummary(store.reader, profileId ?? profileManager.activeProfileId()) },
    async close() {
      await sync.close();
      await profileManager.close();
      store.close();
    },
  };
}
