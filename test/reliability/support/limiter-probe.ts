/**
 * Judges Retry-After compliance from the client's side, by watching its rate limiter
 * (wrapping, not replacing, `penalise`/`acquire`) and every fetch it makes:
 *
 * - `sendsInsideBackoff`: requests released after the client had processed a 429 and before
 *   its Retry-After ran out. Must be zero: that would be the client ignoring the server.
 * - `sentUnaware`: requests that were already on their way when the client read a 429, or
 *   that started after the emulator had served a 429 the client had not read yet. The client
 *   cannot know about those. The emulator forgives in-flight requests only within a short
 *   reaction window, so on a loaded machine it may count some of them; it must never count
 *   more violations than there were such requests.
 *
 * Install before constructing the client: the SDK captures `fetch` when it is created.
 */
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import type { WorkosClient } from '../../../src/main/workos/client.ts';

export interface LimiterProbe {
  /** Starts watching this client's limiter (call right after constructing it). */
  watch(client: WorkosClient): void;
  sendsInsideBackoff(): number;
  sentUnaware(): number;
  sends(): number;
  restore(): void;
}

/** Timers fire a millisecond or two early or late; this much is not a violation. */
const TIMER_SLACK_MS = 5;

export function installLimiterProbe(emu: RunningEmulator): LimiterProbe {
  const penalties: { at: number; until: number }[] = [];
  let processed429s = 0;
  let insideBackoff = 0;
  let sends = 0;
  let nextId = 0;
  const inFlight = new Set<number>();
  const unaware = new Set<number>();

  const originalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const id = nextId++;
    inFlight.add(id);
    if (emu.control.stats().rateLimited.total > processed429s) unaware.add(id);
    try {
      return await originalFetch(input, init);
    } finally {
      inFlight.delete(id);
    }
  };

  return {
    watch(client) {
      const limiter = client.limiter;
      const penalise = limiter.penalise.bind(limiter);
      limiter.penalise = (directoryId, ms) => {
        const at = performance.now();
        penalties.push({ at, until: at + ms });
        processed429s++;
        for (const id of inFlight) unaware.add(id);
        penalise(directoryId, ms);
      };
      const acquire = limiter.acquire.bind(limiter);
      limiter.acquire = async (directoryId, signal) => {
        const waited = await acquire(directoryId, signal);
        const now = performance.now();
        sends++;
        if (penalties.some((p) => now >= p.at && now < p.until - TIMER_SLACK_MS)) insideBackoff++;
        return waited;
      };
    },
    sendsInsideBackoff: () => insideBackoff,
    sentUnaware: () => unaware.size,
    sends: () => sends,
    restore: () => {
      globalThis.fetch = originalFetch;
    },
  };
}
