/**
 * Runs one planned sync: events (falling back to a full sync when the cursor cannot be used,
 * and syncing directories that events announced), a full sync, or a reconcile. Shared by the
 * in-thread runner and the worker thread.
 */
import type { SyncProgress } from '../../shared/api.ts';
import type { Store } from '../store/store.ts';
import type { WorkosClient } from '../workos/client.ts';
import { runEventsSync } from './events-sync.ts';
import { runFullSync } from './full-sync.ts';
import type { SyncOutcome } from './sync-service.ts';

export interface ExecutePlanOptions {
  store: Store;
  client: WorkosClient;
  profileId: string;
  plan: { kind: 'full' | 'events' | 'reconcile'; reason: string | null };
  directoryId?: string;
  signal: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  onDataChanged?: (tables: string[]) => void;
}

export async function executeSyncPlan(options: ExecutePlanOptions): Promise<SyncOutcome> {
  const { plan, directoryId } = options;
  const common = {
    store: options.store,
    client: options.client,
    profileId: options.profileId,
    signal: options.signal,
    onProgress: options.onProgress,
    onDataChanged: options.onDataChanged,
  };
  if (plan.kind === 'events') {
    const events = await runEventsSync(common);
    if (events.status === 'needs_full_sync') {
      const full = await runFullSync({ ...common, kind: 'full', reason: events.fullSyncReason });
      return { full, events };
    }
    if (events.newDirectories.length > 0) {
      const full = await runFullSync({
        ...common,
        kind: 'full',
        reason: 'new directories announced by events',
        directoryIds: events.newDirectories,
      });
      return { full, events };
    }
    return { full: null, events };
  }
  const full = await runFullSync({
    ...common,
    kind: plan.kind === 'reconcile' ? 'reconcile' : 'full',
    reason: plan.reason,
    directoryIds: directoryId ? [directoryId] : undefined,
  });
  return { full, events: null };
}
