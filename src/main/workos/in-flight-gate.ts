/**
 * A cap on requests in flight for one client. The rate limiter decides when a request may
 * go; this decides how many may be out at once. Without it, a client whose CPU cannot keep
 * up (many directories at once, a busy machine) keeps being granted slots while responses
 * wait to be read: hundreds of requests pile up in flight, connections time out, and the
 * retries cost requests the server already counted. Waiting here, before the limiter, keeps
 * grant time close to send time. Cursor-chain pages (urgent) go first, as in the limiter.
 */
export class InFlightGate {
  private active = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Resolves when a slot is free; call the returned function once the request is done. */
  async enter(urgent = false): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => (urgent ? this.urgent : this.normal).push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.urgent.shift() ?? this.normal.shift();
      // The slot passes straight to the next waiter (active stays the same).
      if (next) next();
      else this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}
