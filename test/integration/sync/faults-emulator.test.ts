/**
 * Under injected faults (5xx, connection resets, cut-short bodies, spurious 429 storms with
 * Retry-After) a full sync still converges on the truth, and never sends a request while the
 * emulator told it to wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from './truth.ts';

let emu: RunningEmulator | undefined;
let store: Store | undefined;
let cleanup: () => void = () => {};
afterEach(async () => {
  await emu?.close();
  store?.close();
  cleanup();
});

async function syncUnder(faults: string, scale: number, concurrency?: number) {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 50,
    directories: 2,
    rateLimitScale: scale,
    faults,
  });
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const client = new WorkosClient({
    apiKey: emu.apiKey,
    baseUrl: emu.url,
    rateLimits: scaledRateLimits(scale),
    retryPolicy: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 60_000 },
  });
  const summary = await runFullSync({
    store,
    client,
    profileId: 'p1',
    ...(concurrency ? { directoryConcurrency: concurrency, requestConcurrency: concurrency } : {}),
  });
  return { summary, stats: emu.control.stats() };
}

describe('full sync under faults', () => {
  it('converges through 5xx, resets and cut-short bodies', async () => {
    const { summary, stats } = await syncUnder('error=0.08,reset=0.04,malformed=0.04', 50);
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.retries).toBeGreaterThan(0);
    expect(stats.faults.serverError + stats.faults.reset + stats.faults.malformed).toBeGreaterThan(0);
    expectCacheEqualsTruth(store!, emu!);
  });

  // One request in flight at a time: a request already on the wire when a 429 is sent cannot
  // be recalled, and the emulator counts it as a violation (see the report on issue 4).
  it('survives a 429 storm with zero rate-limit violations', async () => {
    const { summary, stats } = await syncUnder('burst=3,429=0.03,retry-after=1', 50, 1);
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.rateLimited).toBeGreaterThan(0);
    expect(stats.violations.total).toBe(0);
    expectCacheEqualsTruth(store!, emu!);
  });

  it('stays under the real limits without any 429 (documented limits, small directory)', async () => {
    const { summary, stats } = await syncUnder('', 1);
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(stats.rateLimited.total).toBe(0);
    expect(stats.violations.total).toBe(0);
  });
});
