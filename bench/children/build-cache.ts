/**
 * Builds a large cache file the way syncs would have written it, for the query, incremental
 * and UI scenarios: run 1 = a full snapshot of every directory (staged + applied with change
 * detection), run 2 = edits to spread-out users until `diffChanges` change-log rows exist
 * between the two runs. Writes `<path>.json` when complete, so later runs reuse the file.
 *
 *   node --import tsx bench/children/build-cache.ts <path> <users> <directories> <diffChanges>
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { startEmulator } from '../../src/emulator/index.ts';
import { inTransaction } from '../../src/main/store/exec.ts';
import { userFromWire, type JsonObject } from '../../src/main/store/records.ts';
import { openStore } from '../../src/main/store/store.ts';
import { upsertUser } from '../../src/main/store/user-writes.ts';
import { RANDOM_SEED, fleet } from '../lib/seeds.ts';
import { editedUser, inSyncRun, snapshotOf, writeSnapshot } from '../lib/snapshots.ts';
import { ensureProfile } from '../lib/temp-store.ts';

export interface BigCacheInfo {
  path: string;
  profileId: string;
  users: number;
  directories: number;
  diffChanges: number;
  runIds: [string, string];
  buildSeconds: number;
  snapshotSeconds: number;
}

const [path, usersArg, dirsArg, changesArg] = process.argv.slice(2);
const users = Number(usersArg);
const directories = Number(dirsArg);
const diffChanges = Number(changesArg);
if (!path || !(users > 0) || !(directories > 0) || !(diffChanges >= 0)) {
  console.error('usage: build-cache.ts <path> <users> <directories> <diffChanges>');
  process.exit(2);
}
const profileId = 'bench';
const perDirectory = Math.round(users / directories);
for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}.json`]) if (existsSync(p)) rmSync(p);

const t0 = performance.now();
const emu = await startEmulator({
  eventsHoldBackMs: 0,
  seed: fleet(directories, perDirectory),
  randomSeed: RANDOM_SEED,
  rateLimitScale: 0,
});
const dirIds = emu.control.directories().map((d) => d.id);
const store = openStore(path);
ensureProfile(store, profileId);
// Setting up a bench fixture, not the product path: a larger page cache only makes the build quicker.
store.writer.pragma('cache_size = -262144');

const progress = (what: string, done: number, total: number): void =>
  console.log(JSON.stringify({ progress: what, done, total, seconds: Math.round((performance.now() - t0) / 1000) }));

const run1 = inSyncRun(store, profileId, (ctx, runId) => {
  let changes = 0;
  dirIds.forEach((id, i) => {
    changes += writeSnapshot(store, { ...ctx, at: new Date().toISOString() }, runId, snapshotOf(emu, id));
    if (i % 5 === 4 || i === dirIds.length - 1) progress('snapshot', i + 1, dirIds.length);
  });
  return changes;
});
const snapshotSeconds = (performance.now() - t0) / 1000;

// At least 2 change rows per edited user (title, department; every fifth also a state change), so
// picking every n-th user with n from 1.5 rows per user reaches the target spread over the directories.
const every = Math.max(1, Math.floor((perDirectory * directories * 1.5) / Math.max(1, diffChanges)));
const run2 = inSyncRun(store, profileId, (ctx) => {
  let changes = 0;
  for (const [i, id] of dirIds.entries()) {
    if (changes >= diffChanges) break;
    const snap = snapshotOf(emu, id);
    const at = new Date().toISOString();
    changes += inTransaction(store.writer, () => {
      let n = 0;
      snap.users.forEach((u, k) => {
        if (k % every !== 0 || changes + n >= diffChanges) return;
        n += upsertUser(store.writer, { ...ctx, at }, userFromWire(editedUser(u, k, at) as unknown as JsonObject));
      });
      return n;
    });
    if (i % 10 === 9) progress('edits', changes, diffChanges);
  }
  return changes;
});
await emu.close();
store.writer.pragma('wal_checkpoint(TRUNCATE)');
store.close();
const info: BigCacheInfo = {
  path,
  profileId,
  users: perDirectory * directories,
  directories,
  diffChanges: run2.changes,
  runIds: [run1.runId, run2.runId],
  buildSeconds: Math.round((performance.now() - t0) / 1000),
  snapshotSeconds: Math.round(snapshotSeconds),
};
writeFileSync(`${path}.json`, JSON.stringify(info, null, 2));
console.log(JSON.stringify({ built: info }));
