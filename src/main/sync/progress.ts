/**
 * Progress of a sync as the UI and CLI show it: phase, directory, pages, items, honest
 * rate-limit waits and an ETA estimated from the items still expected.
 */
import type { SyncProgress } from '../../shared/api.ts';
import type { ClientStats } from '../workos/client.ts';

export type ProgressListener = (progress: SyncProgress) => void;

export class ProgressTracker {
  private pages = 0;
  private items = 0;
  private totalItems: number | null = null;
  private readonly startedAt = performance.now();

  constructor(
    private readonly profileId: string,
    private readonly runId: string | null,
    private readonly stats: ClientStats | null,
    private readonly listener: ProgressListener,
  ) {}

  expect(total: number): void {
    this.totalItems = (this.totalItems ?? 0) + total;
  }

  page(phase: SyncProgress['phase'], directoryId: string | null, items: number): void {
    this.pages++;
    this.items += items;
    this.emit(phase, directoryId, null);
  }

  emit(phase: SyncProgress['phase'], directoryId: string | null, message: string | null): void {
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
