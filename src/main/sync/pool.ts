/** Runs `worker` over `items` with at most `concurrency` in flight; rejects on the first error. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      await worker(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/**
 * A queue fed while its workers already run: items pushed by a producer (e.g. each page of
 * users) are processed by at most `concurrency` workers; `finish()` resolves when the
 * producer has closed the queue and everything is done.
 */
export class WorkQueue<T> {
  private readonly items: T[] = [];
  private closed = false;
  private wake: (() => void) | null = null;
  private room: { n: number; resolve: () => void }[] = [];
  /** A worker threw: its lane stopped (finish() rejects with the error). */
  failed = false;
  private readonly lanes: Promise<void>[];

  constructor(concurrency: number, worker: (item: T) => Promise<void>) {
    this.lanes = Array.from({ length: Math.max(1, concurrency) }, async () => {
      for (;;) {
        const item = this.items.shift();
        if (item !== undefined) {
          this.settleRoom();
          try {
            await worker(item);
          } catch (err) {
            // A failed lane ends; whoever waits for room must not wait on it.
            this.failed = true;
            for (const w of this.room.splice(0)) w.resolve();
            throw err;
          }
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => {
          const previous = this.wake;
          this.wake = () => {
            previous?.();
            resolve();
          };
        });
      }
    });
    // Rejections surface through finish(); avoid unhandled-rejection noise before then.
    for (const lane of this.lanes) lane.catch(() => undefined);
  }

  /** Items pushed and not yet taken by a worker. */
  get pending(): number {
    return this.items.length;
  }

  /**
   * Resolves once no more than `n` items wait, so a producer feeding a long list keeps pace with
   * the workers instead of queuing all of it; at once when the queue is closed or a worker failed.
   */
  whenPendingAtMost(n: number): Promise<void> {
    if (this.items.length <= n || this.closed || this.failed) return Promise.resolve();
    return new Promise((resolve) => this.room.push({ n, resolve }));
  }

  private settleRoom(): void {
    if (this.room.length === 0) return;
    const waiting = this.room;
    this.room = [];
    for (const w of waiting) {
      if (this.items.length <= w.n) w.resolve();
      else this.room.push(w);
    }
  }

  push(...items: T[]): void {
    this.items.push(...items);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async finish(): Promise<void> {
    this.closed = true;
    this.notify();
    for (const w of this.room.splice(0)) w.resolve();
    await Promise.all(this.lanes);
  }
}
