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
  private readonly lanes: Promise<void>[];

  constructor(concurrency: number, worker: (item: T) => Promise<void>) {
    this.lanes = Array.from({ length: Math.max(1, concurrency) }, async () => {
      for (;;) {
        const item = this.items.shift();
        if (item !== undefined) {
          await worker(item);
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
    await Promise.all(this.lanes);
  }
}
