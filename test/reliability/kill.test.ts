/**
 * Kill test: a child process syncs the emulator's directories into a cache file and is
 * SIGKILLed at random moments (delays from a seeded PRNG, printed). Between kills the
 * emulator's truth moves on (scenario steps), so every sync has real changes to apply.
 *
 * After each kill, opening the cache through the normal path must work, integrity_check must
 * say ok, every directory must equal either its last complete snapshot or the new truth
 * (never a mix), every change-log row committed so far must still be there unchanged, and
 * the log replayed must explain exactly the rows in the tables. A final sync must converge
 * exactly on the truth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { createRng } from '../../src/emulator/util/random.ts';
import { integrityCheck } from '../../src/main/store/connection.ts';
import { queryOne } from '../../src/main/store/exec.ts';
import { insertProfileRow } from '../../src/main/store/profiles-table.ts';
import { sql } from '../../src/main/store/sql.ts';
import { openStore, type Store } from '../../src/main/store/store.ts';
import { runFullSync } from '../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import { buildSyncChild, forkSyncChild, type ChildScript, type SyncChild } from './support/child-runner.ts';
import {
  cacheByDirectory,
  fingerprint,
  presenceOf,
  replayPresence,
  truthByDirectory,
  type DirectoryFingerprint,
} from './support/directory-state.ts';
import { report, size, suiteSeed } from './support/soak.ts';
import { createHash } from 'node:crypto';

const PROFILE = 'p1';
const DIRECTORIES = size(2, 1);
const USERS_PER_DIRECTORY = size(600, 100_000);
const KILLS = size(20, 24);
const RATE_SCALE = 100;
const SEED = suiteSeed(0x5eed_0008);

let emu: RunningEmulator | undefined;
let workDir: string | undefined;
let script: ChildScript;
beforeAll(async () => {
  script = await buildSyncChild();
});
afterAll(async () => {
  await emu?.close();
  script?.cleanup();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/**
 * Digests of the change log in one pass: of the rows up to `upTo` (committed history, which
 * must never change) and of every row (the new committed history).
 */
function changeLogDigests(store: Store, upTo: number): { prefix: string; all: string; maxSeq: number } {
  const hash = createHash('sha256');
  let prefix = `0:${hash.copy().digest('hex')}`;
  let count = 0;
  let maxSeq = 0;
  for (const row of store.reader.prepare('SELECT seq, * FROM changes ORDER BY seq').raw().iterate()) {
    const values = row as unknown[];
    const r = { seq: values[0] as number };
    for (const v of values) hash.update(`${v === null ? '\u0000' : String(v)}\u001f`);
    count++;
    maxSeq = r.seq;
    if (r.seq === upTo) prefix = `${count}:${hash.copy().digest('hex')}`;
  }
  return { prefix, all: `${count}:${hash.digest('hex')}`, maxSeq };
}

function sortedSet(s: Set<string>): string[] {
  return [...s].sort();
}

/** Steps the emulator until every directory changed at least once. */
function moveTruthOn(e: RunningEmulator, directoryIds: string[], rng: ReturnType<typeof createRng>): string[] {
  const ran: string[] = [];
  for (const directoryId of directoryIds) {
    for (let tries = 0; tries < 20; tries++) {
      const step = e.control.step(rng.chance(0.2) ? 'bulk_reorg' : 'mixed', { directoryId });
      if (step.changes.length > 0) {
        ran.push(`${step.scenario}(${step.changes.length})`);
        break;
      }
    }
  }
  return ran;
}

describe('kill test', () => {
  it(
    `survives ${KILLS} SIGKILLs during full syncs of ${DIRECTORIES}×${USERS_PER_DIRECTORY} users`,
    { timeout: size(240_000, 3_600_000) },
    async () => {
      emu = await startEmulator({
        eventsHoldBackMs: 0,
        seed: 'small',
        users: USERS_PER_DIRECTORY,
        directories: DIRECTORIES,
        rateLimitScale: RATE_SCALE,
        randomSeed: SEED,
      });
      const e = emu;
      workDir = mkdtempSync(join(tmpdir(), 'dsync-kill-'));
      const dbPath = join(workDir, 'cache.sqlite');
      const setup = openStore(dbPath);
      insertProfileRow(setup.writer, {
        id: PROFILE,
        name: PROFILE,
        kind: 'workos',
        apiBaseUrl: e.url,
        maskedKey: null,
        at: new Date().toISOString(),
      });
      setup.close();

      const config = { baseUrl: e.url, apiKey: e.apiKey, dbPath, profileId: PROFILE, rateLimitScale: RATE_SCALE };
      const rng = createRng(SEED);
      const directoryIds = e.control.directories().map((d) => d.id);
      report('kill', `seed ${SEED}, ${DIRECTORIES} directories × ${USERS_PER_DIRECTORY} users, cache ${dbPath}`);

      // The last complete snapshot of each directory that the cache may show (empty at first).
      const lastComplete = new Map<string, DirectoryFingerprint>(
        directoryIds.map((id) => [id, fingerprint(undefined)]),
      );
      let committedUpTo = 0;
      let committedDigest: string | null = null;
      const completedRuns: string[] = [];

      const verifyAfterKill = (label: string): string => {
        // The normal open path: migrations, pragmas read back, abandoned runs marked failed.
        const store = openStore(dbPath);
        try {
          expect(integrityCheck(store.reader), `${label}: integrity_check`).toEqual(['ok']);
          expect(store.reader.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);
          const truth = truthByDirectory(e.control.truth());
          const cache = cacheByDirectory(store.reader, PROFILE);
          const outcomes: string[] = [];
          for (const id of directoryIds) {
            const got = fingerprint(cache.get(id));
            const previous = lastComplete.get(id)!;
            const fresh = fingerprint(truth.get(id));
            const which = got.hash === fresh.hash ? 'new' : got.hash === previous.hash ? 'old' : 'MIX';
            outcomes.push(`${id.slice(-6)}=${which}(${got.users}u/${got.groups}g/${got.memberships}m)`);
            expect(
              which,
              `${label}: directory ${id} is neither its last complete snapshot (${JSON.stringify(previous)}) nor the new truth (${JSON.stringify(fresh)}); cache has ${JSON.stringify(got)}`,
            ).not.toBe('MIX');
            if (which === 'new') lastComplete.set(id, fresh);
          }
          // The change log alone explains exactly what the tables hold.
          const replayed = replayPresence(store.reader, PROFILE);
          for (const id of directoryIds) {
            const want = presenceOf(cache.get(id));
            const have = replayed.get(id) ?? { users: new Set(), groups: new Set(), memberships: new Set() };
            expect(sortedSet(have.users), `${label}: change log users of ${id}`).toEqual(sortedSet(want.users));
            expect(sortedSet(have.groups), `${label}: change log groups of ${id}`).toEqual(sortedSet(want.groups));
            expect(sortedSet(have.memberships), `${label}: change log memberships of ${id}`).toEqual(
              sortedSet(want.memberships),
            );
          }
          // Every change-log row committed before this kill is still there, byte for byte.
          const digests = changeLogDigests(store, committedUpTo);
          if (committedDigest !== null)
            expect(digests.prefix, `${label}: committed change-log rows`).toBe(committedDigest);
          committedUpTo = digests.maxSeq;
          committedDigest = digests.all;
          // Runs that reported completion are recorded as such, with their changes.
          for (const runId of completedRuns) {
            const row = queryOne<{ status: string }>(
              store.reader,
              sql`SELECT status FROM sync_runs WHERE id = ${runId}`,
            );
            expect(row?.status, `${label}: completed run ${runId}`).toBe('succeeded');
          }
          return outcomes.join(' ');
        } finally {
          store.close();
        }
      };

      // Calibration: two uninterrupted runs (the first snapshot, then a sync with changes to
      // apply) give the baseline and how long a typical sync takes.
      const runToCompletion = async (label: string): Promise<{ totalMs: number; applyMs: number }> => {
        const child = forkSyncChild(script, config);
        await child.ready;
        const began = performance.now();
        child.go();
        const exit = await child.exited;
        const tookMs = performance.now() - began;
        expect(exit.code, child.stderr).toBe(0);
        expect(child.done?.status, child.done?.error ?? child.stderr).toBe('succeeded');
        completedRuns.push(child.done!.runId);
        report('kill', `${label}: uninterrupted full sync took ${tookMs.toFixed(0)} ms (${child.timeline})`);
        report('kill', `${label}: ${verifyAfterKill(label)}`);
        const applyMs = (child.phaseAt('finished') ?? tookMs) - (child.phaseAt('applying') ?? 0);
        return { totalMs: tookMs, applyMs };
      };
      await runToCompletion('first snapshot');
      moveTruthOn(e, directoryIds, rng);
      const timing = await runToCompletion('calibration');

      // Most kills land anywhere in a run; some aim at the apply transactions (a random instant
      // after the child reports `applying`), the window where a mix would be possible. Moments
      // are drawn as fractions of a run and scaled by the shortest run seen so far: one slow
      // calibration run (a busy machine) must not push every kill past the end of the syncs.
      const plans = Array.from({ length: KILLS }, () =>
        rng.chance(0.35)
          ? { after: 'applying', fraction: rng.next() * 1.2 }
          : { after: 'go', fraction: rng.next() * 1.1 },
      );
      report(
        'kill',
        `kill moments (fractions of a run): ${plans.map((p) => `${p.after}+${p.fraction.toFixed(2)}`).join(', ')}`,
      );
      let shortestRun = { ...timing };

      // Fork the next child while the current one runs, so startup time is not dead time.
      let next: SyncChild = forkSyncChild(script, config);
      const phases = new Map<string, number>();
      for (let i = 0; i < KILLS; i++) {
        const steps = moveTruthOn(e, directoryIds, rng);
        const child = next;
        await child.ready;
        next = forkSyncChild(script, config);
        const plan = plans[i]!;
        const delayMs = Math.round(
          plan.fraction * (plan.after === 'applying' ? shortestRun.applyMs : shortestRun.totalMs),
        );
        const began = performance.now();
        child.go();
        if (plan.after === 'applying') await child.reached('applying');
        // The delay is the stimulus (a random instant to kill at), not a wait for a condition;
        // a child that finishes first ends the wait early.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise((resolve) => {
            timer = setTimeout(resolve, delayMs);
          }),
          child.exited,
        ]);
        clearTimeout(timer);
        const phaseAtKill = child.phase;
        child.kill();
        const exit = await child.exited;
        if (child.done) {
          completedRuns.push(child.done.runId);
          const totalMs = performance.now() - began;
          const applyMs = (child.phaseAt('finished') ?? totalMs) - (child.phaseAt('applying') ?? 0);
          if (totalMs < shortestRun.totalMs) shortestRun = { totalMs, applyMs: Math.min(applyMs, shortestRun.applyMs) };
        }
        const verifyStart = performance.now();
        const outcome = verifyAfterKill(`kill ${i + 1}`);
        const verifyMs = performance.now() - verifyStart;
        const landed =
          exit.signal === 'SIGKILL' ? `killed during ${phaseAtKill}` : `finished first (code ${exit.code})`;
        phases.set(landed, (phases.get(landed) ?? 0) + 1);
        report(
          'kill',
          `${i + 1}/${KILLS}: steps ${steps.join(' ')}; ${plan.after}+${delayMs} ms ${landed} → ${outcome} (checked in ${verifyMs.toFixed(0)} ms)`,
        );
      }
      next.kill();
      await next.exited;
      report('kill', `where kills landed: ${[...phases].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      const killed = [...phases].filter(([k]) => k.startsWith('killed')).reduce((n, [, c]) => n + c, 0);
      expect(killed, 'most kills should land while a sync is running').toBeGreaterThanOrEqual(Math.ceil(KILLS * 0.6));

      // The next sync converges exactly on the truth, without rate-limit violations.
      e.control.resetStats();
      const store = openStore(dbPath);
      try {
        const client = new WorkosClient({
          apiKey: e.apiKey,
          baseUrl: e.url,
          rateLimits: scaledRateLimits(RATE_SCALE),
        });
        const summary = await runFullSync({ store, client, profileId: PROFILE });
        expect(summary.status, summary.error ?? '').toBe('succeeded');
        const truth = truthByDirectory(e.control.truth());
        const cache = cacheByDirectory(store.reader, PROFILE);
        expect([...cache.keys()].sort()).toEqual([...truth.keys()].sort());
        for (const id of directoryIds) {
          expect(fingerprint(cache.get(id)), `final sync of ${id}`).toEqual(fingerprint(truth.get(id)));
        }
        expect(integrityCheck(store.reader)).toEqual(['ok']);
        expect(e.control.stats().violations.total).toBe(0);
        report('kill', `final sync converged: ${summary.changes} changes, ${summary.requests} requests`);
      } finally {
        store.close();
      }
    },
  );
});
