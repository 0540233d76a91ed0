/**
 * Reads Events API pages ahead of the applier. Each page's cursor is the previous page's last
 * event id, so pages can only be fetched one after another — but that chain does not wait for
 * the cache: while one batch is being applied, the next pages are already on their way. The
 * reader holds at most `maxQueuedEvents` fetched-but-unapplied events.
 */
import type { Page } from '../workos/client.ts';
import type { IncomingEvent } from './apply-event.ts';

export type FetchEventPage = (after: string | null, rangeStart: string | null) => Promise<Page<IncomingEvent>>;

export class EventPageReader {
  private readonly queue: IncomingEvent[][] = [];
  private queuedEvents = 0;
  private finished = false;
  private failure: { error: unknown } | null = null;
  private stopped = false;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(
    private readonly fetchPage: FetchEventPage,
    start: { after: string | null; rangeStart: string | null },
    private readonly pageSize: number,
    private readonly maxQueuedEvents: number,
    private readonly onFetchStart: () => void = () => {},
  ) {
    void this.run(start.after, start.rangeStart);
  }

  private async run(after: string | null, rangeStart: string | null): Promise<void> {
    try {
      for (;;) {
        while (this.queuedEvents >= this.maxQueuedEvents && !this.stopped) {
          await new Promise<void>((resolve) => (this.wakeProducer = resolve));
        }
        if (this.stopped) return;
        this.onFetchStart();
        const page = await this.fetchPage(after, rangeStart);
        this.queue.push(page.data);
        this.queuedEvents += page.data.length;
        // A short (or empty) page is the end of what exists now.
        if (page.data.length < this.pageSize) return;
        after = page.data[page.data.length - 1]!.id;
        rangeStart = null;
        this.notifyConsumer();
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.finished = true;
      this.notifyConsumer();
    }
  }

  private notifyConsumer(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = null;
    wake?.();
  }

  /** Resolves when a page arrives or the chain ends, or after `ms` when given. */
  private nextPage(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? null : setTimeout(resolve, ms);
      this.wakeConsumer = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * The pages fetched so far and not yet taken, at least one (waits for it), at most
   * `maxEvents` events unless a single page is larger. With `gatherMs`, once a page is there it
   * waits up to that long for `maxEvents` to arrive (never past the end of the chain), so a
   * long run commits fewer, larger batches. An empty list means the end; a failed fetch is
   * thrown once every page fetched before it has been taken.
   */
  async take(maxEvents: number, gatherMs = 0): Promise<IncomingEvent[][]> {
    while (this.queue.length === 0 && !this.finished) await this.nextPage();
    const deadline = performance.now() + gatherMs;
    const enough = Math.min(maxEvents, this.maxQueuedEvents);
    while (!this.finished && this.queuedEvents < enough && performance.now() < deadline) {
      await this.nextPage(deadline - performance.now());
    }
    if (this.queue.length === 0) {
      if (this.failure) throw this.failure.error;
      return [];
    }
    const pages: IncomingEvent[][] = [];
    let events = 0;
    while (this.queue.length > 0 && (pages.length === 0 || events + this.queue[0]!.length <= maxEvents)) {
      const page = this.queue.shift()!;
      pages.push(page);
      events += page.length;
    }
    this.queuedEvents -= events;
    const wake = this.wakeProducer;
    this.wakeProducer = null;
    wake?.();
    return pages;
  }

  /** Stops fetching further pages (an in-flight request finishes and is dropped). */
  stop(): void {
    this.stopped = true;
    const wake = this.wakeProducer;
    this.wakeProducer = null;
    wake?.();
  }
}
