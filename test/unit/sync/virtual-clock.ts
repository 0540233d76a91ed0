/**
 * A clock for schedulers with several concurrent sleepers: virtual time jumps to the earliest
 * pending sleep once everything else has settled (one macrotask turn per timer), so timers
 * fire in time order and no real time passes.
 */
import type { Clock } from '../../../src/main/workos/rate-limiter.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly timers: Timer[] = [];
  private scheduled = false;

  now(): number {
    return this.time;
  }

  /** Moves time forward by `ms` at once (an event-loop stall, as seen by the scheduler). */
  stall(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
