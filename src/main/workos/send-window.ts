/**
 * The last `limit` requests a bucket let out, with the time each most likely reached WorkOS,
 * so a new request goes only when fewer than `limit` arrived within the window as WorkOS counts
 * them.
 *
 * A request's arrival is its grant time — until its response shows it was held up: when the
 * event loop stalls (staging a page, applying a directory, a starved CPU) requests granted
 * before the stall reach the server after it, bunched with the ones granted after it, and a
 * window that looked fine by grant times holds one too many (a 429 whose Retry-After costs a
 * whole second). A response that took longer than the usual round trip moves that request's
 * arrival to (response time − usual round trip); one still in flight counts as arriving as
 * late as that allows, up to `maxSkewMs` (3 s: applying a directory can hold the event loop
 * over a second on a busy machine) after its grant.
 *
 * The usual round trip is learned as responses come in, so an arrival is computed from it when
 * the window is checked, not fixed when the response came: the very first requests (new
 * connections, a server still warming up) come back slowly, and judged by their own round trip
 * they would seem to have arrived when granted — hundreds of ms before the server counted them.
 */
export class SendWindow {
  private readonly granted: Float64Array;
  /** When each tracked request's response came back (NaN while in flight or untracked). */
  private readonly responded: Float64Array;
  private readonly inFlight: Uint8Array;
  private readonly seqs: Float64Array;
  private head = 0;
  private count = 0;
  private seq = 0;
  /** A slowly rising minimum of observed round trips: the usual one without stalls. */
  private usualRoundTripMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly limit: number,
    /** The window plus the jitter allowance; the bucket updates it when the allowance changes. */
    public spanMs: number,
    /** Track arrivals (O(limit) per check): for small windows such as a directory's 4/s. */
    private readonly trackArrivals: boolean,
    private readonly maxSkewMs = 3000,
  ) {
    const size = Math.max(1, Math.floor(limit));
    this.granted = new Float64Array(size);
    this.responded = new Float64Array(size).fill(Number.NaN);
    this.inFlight = new Uint8Array(size);
    this.seqs = new Float64Array(size).fill(-1);
  }

  /** Records a request let out at `now`; returns its ticket for `arrived`. */
  record(now: number): number {
    const slot = this.head;
    const ticket = this.seq++;
    this.granted[slot] = now;
    this.responded[slot] = Number.NaN;
    this.inFlight[slot] = this.trackArrivals ? 1 : 0;
    this.seqs[slot] = ticket;
    this.head = (this.head + 1) % this.granted.length;
    this.count = Math.min(this.granted.length, this.count + 1);
    return ticket;
  }

  /**
   * Request `ticket` actually left at `at`, later than it was recorded: it waited for another
   * bucket (the key's) after this one let it out. Its arrival counts from here.
   */
  sent(ticket: number, at: number): void {
    const slot = ticket % this.granted.length;
    if (this.seqs[slot] !== ticket) return;
    if (at > (this.granted[slot] as number)) {
      this.granted[slot] = at;
    }
  }

  /** The response to request `ticket` came back at `at` (so it reached the server before). */
  arrived(ticket: number, at: number): void {
    if (!this.trackArrivals) return;
    const slot = ticket % this.granted.length;
    if (this.seqs[slot] !== ticket) return; // long since out of the window
    const grantedAt = this.granted[slot] as number;
    const roundTrip = at - grantedAt;
    if (roundTrip < this.usualRoundTripMs) this.usualRoundTripMs = roundTrip;
    else this.usualRoundTripMs += (roundTrip - this.usualRoundTripMs) * 0.002;
    this.responded[slot] = at;
    this.inFlight[slot] = 0;
  }

  private arrivalAt(slot: number, now: number): number {
    const grantedAt = this.granted[slot] as number;
    if (!Number.isFinite(this.usualRoundTripMs)) return grantedAt;
    // Back: it reached the server at the latest one usual round trip before its response.
    // Not back yet: it may still be on its way to the server.
    const respondedAt = this.responded[slot] as number;
    const latest = this.inFlight[slot] === 1 ? now : Number.isNaN(respondedAt) ? grantedAt : respondedAt;
    return Math.min(grantedAt + this.maxSkewMs, Math.max(grantedAt, latest - this.usualRoundTripMs));
  }

  /** Until when the window is full (0 when a request may go now). */
  fullUntil(now: number): number {
    if (this.count < this.granted.length) return 0;
    let earliest: number;
    if (!this.trackArrivals) {
      earliest = this.granted[this.head] as number;
    } else {
      earliest = Number.POSITIVE_INFINITY;
      for (let slot = 0; slot < this.granted.length; slot++) earliest = Math.min(earliest, this.arrivalAt(slot, now));
    }
    return now - earliest < this.spanMs ? earliest + this.spanMs : 0;
  }
}
