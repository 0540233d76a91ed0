/**
 * What every handler may use. Features register their services here as they arrive; the
 * transports only ever see the handlers built from it.
 */
import type { HealthSummary, ProfileSummary } from '../../shared/api.ts';
import type { Logger } from '../log.ts';
import type { ProfileManager } from '../profiles/profile-manager.ts';
import type { SyncIntervalsService } from '../profiles/sync-intervals.ts';
import type { Store } from '../store/store.ts';
import type { SyncService } from '../sync/sync-service.ts';
import type { WebhookService } from '../webhooks/service.ts';
import type { EventBus } from './event-bus.ts';

export interface ProfilesService {
  list(): ProfileSummary[] | Promise<ProfileSummary[]>;
}

export interface HealthService {
  summary(profileId: string | undefined): HealthSummary | Promise<HealthSummary>;
}

export interface CoreContext {
  readonly version: string;
  readonly transport: 'electron' | 'web';
  readonly dataDir: string;
  readonly log: Logger;
  readonly events: EventBus;
  readonly profiles: ProfilesService;
  readonly health: HealthService;
  readonly webhooks: WebhookService;
  /** The SQLite cache (writer for the sync engine, reader for queries). */
  readonly store: Store;
  readonly profileManager: ProfileManager;
  readonly sync: SyncService;
  /** Per-profile events poll and reconcile intervals (Settings → Sync). */
  readonly syncIntervals: SyncIntervalsService;
}
