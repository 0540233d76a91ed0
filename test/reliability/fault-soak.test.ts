/**
 * Fault soak: full syncs while the emulator injects 10% 5xx, 2% connection resets, 429
 * bursts and spurious 429s, latency spikes (bodies trickling out over seconds) and truncated
 * JSON bodies. The cache must converge exactly on the truth, the client must never send a
 * request the emulator counts as a rate-limit violation (a request inside a Retry-After
 * window), and the faults must really have happened (counted, printed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type FaultSpec, type RunningEmulator } from '../../src/emulator/index.ts';
import { integrityCheck } from '../../src/main/store/connection.ts';
import { installLimiterProbe, type LimiterProbe } from './support/limiter-probe.ts';
import { report, size, suiteSeed } from './support/soak.ts';
import { runFullSync } from '../../src/main/sync/full-sync.ts';
import {
  emulatorClient,
  expectCacheEqualsTruth,
  PROFILE_ID,
  tempStore,
  type TempStore,
} from './support/sync-in-process.ts';

const DIRECTORIES = size(2, 3);
const USERS_PER_DIRECTORY = size(400, 20_000);
const ROUNDS = size(2, 4);
const RATE_SCALE = size(50, 5);
const SPIKE_MS = size(300, 2000);
const SEED = suiteSeed(0xfa_0175);
const BURST = size(4, 12);

const FAULTS: FaultSpec = {
  errorRate: 0.1,
  errorStatus: 503,
  resetRate: 0.02,
  rateLimitRate: 0.01,
  retryAfterSeconds: 1,
  slowBodyRate: 0.02,
  slowBodyMs: SPIKE_MS,
  malformedRate: 0.02,
};

let emu: RunningEmulator | undefined;
let temp: TempStore | undefined;
let probe: LimiterProbe | undefined;
afterEach(async () => {
  probe?.restore();
  await emu?.close();
  temp?.cleanup();
});

describe('fault soak', () => {
  it(
    `converges exactly under 5xx, resets, 429 bursts, ${SPIKE_MS} ms spikes and truncated bodies`,
    { timeout: size(120_000, 3_600_000) },
    async () => {
      emu = await startEmulator({
        eventsHoldBackMs: 0,
        seed: 'small',
        users: USERS_PER_DIRECTORY,
        directories: DIRECTORIES,
        rateLimitScale: RATE_SCALE,
        randomSeed: SEED,
        faults: FAULTS,
      });
      const e = emu;
      temp = tempStore(e.url);
      probe = installLimiterProbe(e);
      const client = emulatorClient(e, RATE_SCALE);
      probe.watch(client);
      report(
        'faults',
        `seed ${SEED}, ${DIRECTORIES}×${USERS_PER_DIRECTORY} users, faults ${JSON.stringify(FAULTS)}, a burst of ${BURST} 429s mid-sync`,
      );

      for (let round = 1; round <= ROUNDS; round++) {
        if (round > 1) for (let i = 0; i < 5; i++) e.control.step('mixed');
        // A burst of 429s once the sync is in full flight (many requests queued at once), on
        // top of the 1% spurious 429s throughout.
        let burstArmed = false;
        const summary = await runFullSync({
          store: temp.store,
          client,
          profileId: PROFILE_ID,
          onProgress: (p) => {
            if (burstArmed || p.phase !== 'memberships') return;
            burstArmed = true;
            e.control.setFaults({ ...FAULTS, rateLimitBurst: BURST });
          },
        });
        const stats = e.control.stats();
        report(
          'faults',
          `round ${round}: ${summary.status}, ${summary.requests} requests, ${summary.retries} retries, ` +
            `${summary.rateLimited} 429s, ${summary.changes} changes; emulator faults ${JSON.stringify(stats.faults)}, ` +
            `429s served ${JSON.stringify(stats.rateLimited)}, violations ${JSON.stringify(stats.violations)}; ` +
            `client: ${probe.sends()} sends, ${probe.sendsInsideBackoff()} inside a Retry-After wait, ` +
            `${probe.sentUnaware()} in flight when a 429 was served or read`,
        );
        expect(summary.status, summary.error ?? '').toBe('succeeded');
        expectCacheEqualsTruth(temp.store, e, `round ${round}`);
        // The client never sends while it knows it must wait...
        expect(probe.sendsInsideBackoff(), 'requests released inside a Retry-After wait').toBe(0);
        // ...and every violation the emulator counted was a request already on its way.
        expect(stats.violations.total, 'violations beyond requests already in flight').toBeLessThanOrEqual(
          probe.sentUnaware(),
        );
      }
      const stats = e.control.stats();
      // The faults really happened (otherwise this test proves nothing).
      expect(stats.faults.serverError).toBeGreaterThan(0);
      expect(stats.faults.reset).toBeGreaterThan(0);
      expect(stats.faults.rateLimited).toBeGreaterThan(0);
      expect(stats.faults.slowBody).toBeGreaterThan(0);
      expect(stats.faults.malformed).toBeGreaterThan(0);
      expect(integrityCheck(temp.store.reader)).toEqual(['ok']);
    },
  );
});
