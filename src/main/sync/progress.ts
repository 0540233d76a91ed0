/**
 * Progress of a sync as the UI and CLI show it: phase, directory, pages, items, honest
 * rate-limit waits and an ETA estimated from the items still expected.
 */
import type { SyncProgress } from '../../shared/api.ts';
import { describeWait, type ClientStats, type RequestWait } from '../workos/client.ts';

export type ProgressListener = (progress: SyncProgress) => void;

export class ProgressTracker {
  private pages = 0;
  private items = 0;
  private totalItems: number | null = null;
  private readonly startedAt = performance.now();
  private phase: SyncProgress['phase'] = 'idle';
  private directoryId: string | null = null;
  private stopWaits: (() => void) | null = null;

  constructor(
    private readonly profileId: string,
    private readonly runId: string | null,
    private readonly stats: ClientStats | null,
    private readonly listener: ProgressListener,
  ) {}

  /**
   * Reports every retry of the client's requests as a progress message ("waiting for WorkOS
   * (GET /directory_users), attempt 2 of 6…"), until the run's final emit.
   */
  showWaits(client: { onWait(listener: (wait: RequestWait) => void): () => void }): void {
    this.stopWaits = client.onWait((wait) => this.emit(this.phase, this.directoryId, describeWait(wait)));
  }

  expect(total: number): void {
    this.totalItems = (this.totalItems ?? 0) + total;
  }

  page(phase: SyncProgress['phase'], directoryId: string | null, items: number): void {
    this.pages++;
    this.items += items;
    this.emit(phase, directoryId, null);
  }

  emit(phase: SyncProgress['phase'], directoryId: string | null, message: string | null): void {
    this.phase = phase;
    this.directoryId = directoryId;
    if (phase === 'done' || phase === 'failed' || phase === 'cancelled') {
      this.stopWaits?.();
      this.stopWaits = null;
    }
    const elapsed = performance.now() - this.startedAt;
    let etaMs: number | null = null;
    if (this.totalItems !== null && this.items > 0 && this.totalItems > this.items) {
      etaMs = (elapsed / this.items) * (this.totalItems - this.items);
    }
    this.listener({
      profileId: this.profileId,
      runId: this.runId,
      phase,
      directoryId,
      pages: this.pages,
      items: this.items,
      totalItems: this.totalItems,
      rateLimitWaitMs: Math.round(this.stats?.rateLimitWaitMs ?? 0),
      etaMs: etaMs === null ? null : Math.round(etaMs),
      message,
    });
  }
}
