/** Messages between the core and the sync worker thread (all structured-cloneable data). */
import type { SyncProgress } from '../../../shared/api.ts';
import type { Connection } from '../../profiles/profile-manager.ts';
import type { SyncOutcome } from '../sync-service.ts';

export interface SyncJob {
  dbPath: string;
  profileId: string;
  connection: Connection;
  plan: { kind: 'full' | 'events' | 'reconcile'; reason: string | null };
  directoryId?: string;
}

export interface SyncWorkerData {
  entry: string;
}

export type ToWorker =
  | { type: 'run'; jobId: number; job: SyncJob }
  | { type: 'cancel'; jobId: number }
  /** A deleted profile: drop its clients (and so its key) from the worker's memory. */
  | { type: 'forget'; profileId: string };

export type FromWorker =
  | { type: 'progress'; jobId: number; progress: SyncProgress }
  | { type: 'dataChanged'; jobId: number; tables: string[] }
  | { type: 'done'; jobId: number; outcome: SyncOutcome }
  | { type: 'error'; jobId: number; message: string };
