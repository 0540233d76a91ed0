/**
 * How much later than usual a request may reach WorkOS, learned from measured round trips.
 *
 * A bucket that spaces N requests evenly over its window can still see N + 1 land within one
 * window as the server counts them when some arrive later than others (a busy event loop on
 * either side, a slower path). Each bucket therefore spreads its N requests over window + this
 * allowance. A fixed allowance must cover the worst machine and so wastes throughput on a
 * quiet one (50 ms per 1 s window is 5 % of a directory's 4 requests/s); this one follows
 * what is measured: the spread of recent round trips above the fastest one (arrival delay
 * cannot vary more than the whole round trip does), clamped to [minMs, maxMs]. Until enough
 * round trips are seen it is `initialMs`.
 *
 * Why the third quartile and not the maximum: the hard guarantee is the bucket's send window
 * (send-window.ts), which counts every request from its measured arrival, so a request that
 * reached WorkOS late holds the next ones back by itself. The allowance covers what that
 * estimate cannot see — the typical uncertainty of an arrival — and a round trip measured on
 * this side also includes the time the response waited for our own busy thread (parsing and
 * staging pages), which is no arrival jitter at all; the tail of the spread is mostly that.
 * Measured on loopback under load (bench, 20k users): p75 5–15 ms while member pages
 * dominate, at the ceiling while full user pages are listed and staged; 0 429s.
 */
export interface ArrivalJitterOptions {
  /** Allowance before enough round trips are measured (the former fixed allowance). */
  initialMs: number;
  /** Never below this: timer resolution and the unmeasured one-way part. */
  minMs: number;
  /**
   * Never above this: the former fixed allowance. Round trips to the real API spread with
   * WorkOS's own processing time, which does not move arrivals; so a wider spread is no
   * reason to pace slower than the fixed allowance did (the send window stays the guard).
   */
  maxMs: number;
  /** Round trips kept (the most recent). */
  samples: number;
  /** Quantile of (round trip − fastest round trip) taken as the allowance. */
  quantile: number;
}

export const DEFAULT_ARRIVAL_JITTER: ArrivalJitterOptions = {
  initialMs: 50,
  minMs: 5,
  maxMs: 50,
  samples: 256,
  quantile: 0.75,
};

/** Recomputed every this many samples (a sort of `samples` numbers). */
const RECOMPUTE_EVERY = 16;
/** Samples needed before the measured value replaces `initialMs`. */
const MIN_SAMPLES = 32;

export class ArrivalJitter {
  private readonly ring: Float64Array;
  private count = 0;
  private head = 0;
  private sinceRecompute = 0;
  private current: number;

  constructor(readonly options: ArrivalJitterOptions = DEFAULT_ARRIVAL_JITTER) {
    this.ring = new Float64Array(Math.max(MIN_SAMPLES, Math.floor(options.samples)));
    this.current = clamp(options.initialMs, options.minMs, options.maxMs);
  }

  /** The allowance to use now, in ms. */
  get allowanceMs(): number {
    return this.current;
  }

  /** A request's round trip, from when it left to when its response was read. */
  record(roundTripMs: number): void {
    if (!Number.isFinite(roundTripMs) || roundTripMs < 0) return;
    this.ring[this.head] = roundTripMs;
    this.head = (this.head + 1) % this.ring.length;
    this.count = Math.min(this.ring.length, this.count + 1);
    if (++this.sinceRecompute >= RECOMPUTE_EVERY && this.count >= MIN_SAMPLES) {
      this.sinceRecompute = 0;
      this.recompute();
    }
  }

  private recompute(): void {
    const recent = Array.from(this.ring.subarray(0, this.count)).sort((a, b) => a - b);
    const fastest = recent[0] as number;
    const at = recent[Math.min(recent.length - 1, Math.floor(this.options.quantile * (recent.length - 1)))] as number;
    this.current = clamp(at - fastest, this.options.minMs, this.options.maxMs);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
