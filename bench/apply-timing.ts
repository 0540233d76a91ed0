/**
 * Times the full-sync write path's apply (applyStagedDirectory) phase by phase, on a fresh
 * file with synchronous=FULL, for three cases:
 *   (a) one large directory, first sync into an empty cache (bench scenario 1's apply);
 *   (b) a fleet of small directories staged together, then applied one after another
 *       (bench scenario 2's shape: every directory's pages sit in the TEMP tables at once);
 *   (c) a re-sync of (a) with a share of users changed.
 *
 *   node --import tsx bench/apply-timing.ts [--users 100000] [--groups 2000]
 *        [--fleet 50x2000] [--changed 0.1] [--only a,b,c] [--plans]
 *
 * `--plans` prints EXPLAIN QUERY PLAN of the apply's set-based statements. `--exp A,B` runs
 * experiments on the temporary cache to price one cost: `no-trigger` (no member-count trigger on
 * insert), `no-ckpt` (no automatic checkpoint; one passive checkpoint timed at the end of (b)),
 * `ckpt=N` (wal_autocheckpoint N pages), `big-cache` (500 MB page cache), `partial-entity`
 * (migration 11's index on a cache that lacks it), `wal-size` (WAL pages after each apply of (b)),
 * `no-fts-update` (no FTS rewrite when a user's search text changes), `probe` (time the
 * fresh-membership condition alone before each apply of (b)), `sequential` (in (b), stage each
 * directory just before applying it instead of all together), `fts-hash=MB` (FTS5 pending-data
 * size of users_fts before it flushes a segment; SQLite's default is 1 MB), `drop=A+B` (drop
 * these indexes: what keeping each one up to date costs).
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { startEmulator } from '../src/emulator/index.ts';
import { upsertDirectory } from '../src/main/store/directory-writes.ts';
import { inTransaction } from '../src/main/store/exec.ts';
import { directoryFromWire, type ChangeContext, type JsonObject } from '../src/main/store/records.ts';
import {
  applyStagedDirectory,
  stageGroups,
  stageMemberships,
  stageUsers,
  type ApplyPhase,
} from '../src/main/store/snapshot-apply.ts';
import type { Store } from '../src/main/store/store.ts';
import { RANDOM_SEED, fleet, oneLargeDirectory } from './lib/seeds.ts';
import { editedUser, snapshotOf, type DirectorySnapshot } from './lib/snapshots.ts';
import { tempStore } from './lib/temp-store.ts';

const PAGE = 100;
const PROFILE = 'bench';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const users = Number(argValue('users', '100000'));
const groups = Number(argValue('groups', '2000'));
const [fleetDirs, fleetUsers] = argValue('fleet', '50x2000').split('x').map(Number) as [number, number];
const changedShare = Number(argValue('changed', '0.1'));
const only = new Set(argValue('only', 'a,b,c').split(','));
const showPlans = process.argv.includes('--plans');
const experiments = new Set(argValue('exp', '').split(',').filter(Boolean));

/** Experiments that change the cache's settings (never committed defaults): measure what a cost is. */
function prepareExperiment(store: Store): void {
  if (experiments.has('no-trigger')) {
    store.writer.exec('DROP TRIGGER memberships_count_insert');
  }
  if (experiments.has('no-fts-update')) store.writer.exec('DROP TRIGGER users_fts_update');
  if (experiments.has('no-ckpt')) store.writer.pragma('wal_autocheckpoint = 0');
  if (experiments.has('partial-entity')) {
    store.writer.exec(`DROP INDEX changes_by_entity;
      CREATE INDEX changes_by_entity ON changes (profile_id, entity_id, at) WHERE entity_type <> 'membership'`);
  }
  const drop = [...experiments].find((e) => e.startsWith('drop='));
  if (drop) for (const index of drop.slice(5).split('+')) store.writer.exec(`DROP INDEX ${index}`);
  const ckpt = [...experiments].find((e) => e.startsWith('ckpt='));
  if (ckpt) store.writer.pragma(`wal_autocheckpoint = ${Number(ckpt.slice(5))}`);
  if (experiments.has('big-cache')) store.writer.pragma('cache_size = -512000');
  const ftsHash = [...experiments].find((e) => e.startsWith('fts-hash='));
  if (ftsHash) {
    const bytes = Math.trunc(Number(ftsHash.slice(9)) * 1024 * 1024);
    store.writer.exec(`INSERT INTO users_fts (users_fts, rank) VALUES ('hashsize', ${bytes})`);
  }
}

type PhaseTotals = Map<ApplyPhase | 'total', number>;

function addPhase(totals: PhaseTotals, phase: ApplyPhase | 'total', ms: number): void {
  totals.set(phase, (totals.get(phase) ?? 0) + ms);
}

function printPhases(label: string, totals: PhaseTotals, divisor = 1): void {
  const parts = [...totals].map(([phase, ms]) => `${phase} ${(ms / divisor).toFixed(0)}`);
  console.log(`  ${label} (ms): ${parts.join(', ')}`);
}

function newRun(store: Store): { runId: string; ctx: ChangeContext } {
  const runId = randomUUID();
  const ctx: ChangeContext = {
    profileId: PROFILE,
    at: new Date().toISOString(),
    source: 'full_sync',
    runId,
    eventId: null,
    baseline: false,
  };
  void store;
  return { runId, ctx };
}

function upsertDirectoryRow(store: Store, ctx: ChangeContext, snap: DirectorySnapshot): void {
  inTransaction(store.writer, () =>
    upsertDirectory(store.writer, ctx, directoryFromWire(snap.directory as unknown as JsonObject)),
  );
}

/** Page `index` of each kind of a snapshot (groups, then users, then memberships); false when past the end. */
function stagePage(store: Store, runId: string, snap: DirectorySnapshot, index: number): boolean {
  const dirId = snap.directory.id;
  const g = Math.ceil(snap.groups.length / PAGE);
  const u = Math.ceil(snap.users.length / PAGE);
  const m = Math.ceil(snap.memberships.length / PAGE);
  if (index < g) {
    const page = snap.groups.slice(index * PAGE, (index + 1) * PAGE);
    stageGroups(store.writer, runId, dirId, page as unknown as JsonObject[]);
  } else if (index < g + u) {
    const k = index - g;
    const page = snap.users.slice(k * PAGE, (k + 1) * PAGE);
    stageUsers(store.writer, runId, dirId, page as unknown as JsonObject[]);
  } else if (index < g + u + m) {
    const k = index - g - u;
    const page = snap.memberships.slice(k * PAGE, (k + 1) * PAGE);
    stageMemberships(
      store.writer,
      runId,
      dirId,
      page.map((p) => ({ groupId: p.group_id, userId: p.user_id })),
    );
  } else {
    return false;
  }
  return true;
}

function applyTimed(store: Store, ctx: ChangeContext, runId: string, dirId: string, totals: PhaseTotals) {
  const t0 = performance.now();
  const counts = applyStagedDirectory(store.writer, ctx, runId, dirId, (phase, ms) => addPhase(totals, phase, ms));
  addPhase(totals, 'total', performance.now() - t0);
  return counts;
}

async function snapshotsOf(seed: Parameters<typeof startEmulator>[0]): Promise<DirectorySnapshot[]> {
  const emu = await startEmulator({ eventsHoldBackMs: 0, ...seed, randomSeed: RANDOM_SEED, rateLimitScale: 0 });
  try {
    return emu.control.directories().map((d) => snapshotOf(emu, d.id));
  } finally {
    await emu.close();
  }
}

function explainPlans(store: Store, runId: string, dirId: string): void {
  const statements: Record<string, string> = {
    'fresh users': `SELECT s.id FROM stage_users s WHERE s.run_id = ? AND s.directory_id = ?
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.profile_id = 'bench' AND u.id = s.id)`,
    'fresh memberships': `SELECT 1 FROM stage_memberships s WHERE s.run_id = ? AND s.directory_id = ?
       AND EXISTS (SELECT 1 FROM groups g WHERE g.profile_id = 'bench' AND g.id = s.group_id)
       AND EXISTS (SELECT 1 FROM users u WHERE u.profile_id = 'bench' AND u.id = s.user_id)
       AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = 'bench' AND m.group_id = s.group_id AND m.user_id = s.user_id)`,
  };
  for (const [name, text] of Object.entries(statements)) {
    const plan = store.writer.prepare(`EXPLAIN QUERY PLAN ${text}`).all(runId, dirId) as { detail: string }[];
    console.log(`  plan of ${name}:\n    ${plan.map((r) => r.detail).join('\n    ')}`);
  }
}

async function caseLarge(): Promise<void> {
  console.log(`(a) one directory, ${users} users, ${groups} groups: first sync into an empty cache`);
  const [snap] = await snapshotsOf({ seed: oneLargeDirectory(users, groups) });
  const temp = tempStore(PROFILE);
  prepareExperiment(temp.store);
  try {
    const first = newRun(temp.store);
    upsertDirectoryRow(temp.store, first.ctx, snap!);
    for (let i = 0; stagePage(temp.store, first.runId, snap!, i); i++) {
      // staged page by page
    }
    if (showPlans) explainPlans(temp.store, first.runId, snap!.directory.id);
    const totals: PhaseTotals = new Map();
    const counts = applyTimed(temp.store, first.ctx, first.runId, snap!.directory.id, totals);
    console.log(`  ${counts.memberships} memberships, ${counts.changes} changes`);
    printPhases('first sync', totals);

    if (!only.has('c')) return;
    console.log(`(c) re-sync of (a) with ${changedShare * 100} % of users changed`);
    const at = new Date().toISOString();
    const every = Math.max(1, Math.round(1 / changedShare));
    const edited: DirectorySnapshot = {
      ...snap!,
      users: snap!.users.map((u, k) => (k % every === 0 ? editedUser(u, k, at) : u)),
    };
    const again = newRun(temp.store);
    for (let i = 0; stagePage(temp.store, again.runId, edited, i); i++) {
      // staged page by page
    }
    const resync: PhaseTotals = new Map();
    const c2 = applyTimed(temp.store, again.ctx, again.runId, snap!.directory.id, resync);
    console.log(`  ${c2.changes} changes`);
    printPhases('re-sync', resync);
  } finally {
    temp.dispose();
  }
}

/** Times the fresh-membership condition alone (the probes both membership statements repeat). */
function probeFreshPairs(store: Store, runId: string, dirId: string, totals: PhaseTotals): void {
  const t0 = performance.now();
  store.writer
    .prepare(
      `SELECT count(*) FROM stage_memberships s WHERE s.run_id = ? AND s.directory_id = ?
         AND EXISTS (SELECT 1 FROM groups g WHERE g.profile_id = 'bench' AND g.id = s.group_id)
         AND EXISTS (SELECT 1 FROM users u WHERE u.profile_id = 'bench' AND u.id = s.user_id)
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = 'bench' AND m.group_id = s.group_id AND m.user_id = s.user_id)`,
    )
    .get(runId, dirId);
  console.log(`  probe ${(performance.now() - t0).toFixed(0)} ms`);
  void totals;
}

async function caseFleet(): Promise<void> {
  console.log(`(b) ${fleetDirs} directories × ${fleetUsers} users staged together, applied one after another`);
  const snaps = await snapshotsOf({ seed: fleet(fleetDirs, fleetUsers) });
  const temp = tempStore(PROFILE);
  prepareExperiment(temp.store);
  try {
    const run = newRun(temp.store);
    for (const snap of snaps) upsertDirectoryRow(temp.store, run.ctx, snap);
    // Interleaved, as concurrent directory syncs stage their pages (unless `sequential`: each
    // directory staged just before its apply, to tell staging volume from cache size).
    const sequential = experiments.has('sequential');
    let more = !sequential;
    for (let i = 0; more; i++) {
      more = false;
      for (const snap of snaps) more = stagePage(temp.store, run.runId, snap, i) || more;
    }
    if (showPlans) explainPlans(temp.store, run.runId, snaps[0]!.directory.id);
    const totals: PhaseTotals = new Map();
    const perDir: number[] = [];
    let memberships = 0;
    for (const snap of snaps) {
      if (sequential) for (let i = 0; stagePage(temp.store, run.runId, snap, i); i++);
      if (experiments.has('probe')) probeFreshPairs(temp.store, run.runId, snap.directory.id, totals);
      const before = totals.get('total') ?? 0;
      memberships += applyTimed(temp.store, run.ctx, run.runId, snap.directory.id, totals).memberships;
      perDir.push((totals.get('total') ?? 0) - before);
      if (experiments.has('wal-size'))
        console.log(`  WAL ${(statSync(`${temp.path}-wal`).size / 4096).toFixed(0)} pages`);
    }
    console.log(
      `  ${memberships} memberships; per directory ms: first ${perDir[0]!.toFixed(0)}, last ${perDir[perDir.length - 1]!.toFixed(0)}, ` +
        `max ${Math.max(...perDir).toFixed(0)}`,
    );
    if (experiments.has('no-ckpt')) {
      const t0 = performance.now();
      temp.store.writer.pragma('wal_checkpoint(PASSIVE)');
      console.log(`  final passive checkpoint: ${(performance.now() - t0).toFixed(0)} ms`);
    }
    printPhases(`sum over ${snaps.length} directories`, totals);
    printPhases('mean per directory', totals, snaps.length);
  } finally {
    temp.dispose();
  }
}

if (only.has('a') || only.has('c')) await caseLarge();
if (only.has('b')) await caseFleet();
