/**
 * A cap on requests in flight for one client. The rate limiter decides when a request may
 * go; this decides how many may be out at once. Without it, a client whose CPU cannot keep
 * up (many directories at once, a busy machine) keeps being granted slots while responses
 * wait to be read: hundreds of requests pile up in flight, connections time out, and the
 * retries cost requests the server already counted. Waiting here, before the limiter, keeps
 * grant time close to send time. Waiters are let in by the directories' shares (larger for
 * those that started first), then cursor-chain pages (urgent), as in the limiter (see
 * request-priority.ts).
 */
import { PROFILE_WIDE_RANK, RankedQueue } from './request-priority.ts';

export class InFlightGate {
  private active = 0;
  private readonly waiting = new RankedQueue<() => void>();

  constructor(readonly limit: number) {}

  /** Resolves when a slot is free; call the returned function once the request is done. */
  async enter(urgent = false, rank = PROFILE_WIDE_RANK): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve, rank, urgent));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (active stays the same).
      if (next) next();
      else this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}
