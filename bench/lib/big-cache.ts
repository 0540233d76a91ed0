/**
 * The large cache shared by the query, incremental and UI scenarios: built once by
 * children/build-cache.ts (minutes to tens of minutes) and reused while its `.json` marker
 * matches the wanted size. Kept in the OS temp folder, outside the repository.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BigCacheInfo } from '../children/build-cache.ts';
import { applyPendingMigrations, latestVersion, readUserVersion } from '../../src/main/store/migrate.ts';
import { inTransaction } from '../../src/main/store/exec.ts';
import { deleteProfileRow, listProfileRows } from '../../src/main/store/profiles-table.ts';
import { openStore } from '../../src/main/store/store.ts';
import { startChild } from './child.ts';

export type { BigCacheInfo } from '../children/build-cache.ts';

export function bigCachePath(users: number, directories: number, diffChanges: number): string {
  const dir = process.env.DSYNC_BENCH_CACHE_DIR ?? join(tmpdir(), 'bench-cache');
  mkdirSync(dir, { recursive: true });
  return join(dir, `cache-${users}u-${directories}d-${diffChanges}c.sqlite`);
}

function readInfo(path: string): BigCacheInfo | null {
  if (!existsSync(`${path}.json`) || !existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(`${path}.json`, 'utf8')) as BigCacheInfo;
  } catch {
    return null;
  }
}

/**
 * A reused cache built by older code is brought to the current schema here, once, up front and
 * without the app's pre-migration backup (`VACUUM INTO` of a multi-GB fixture that can simply be
 * rebuilt): otherwise the first scenario to open it read-write would do both mid-run.
 */
function upgradeSchema(path: string, log: (line: string) => void): void {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 60000');
    if (readUserVersion(db) === latestVersion()) return;
    log('  upgrading the cache to the current schema (no backup) …');
    const t0 = performance.now();
    const { from, to } = applyPendingMigrations(db);
    log(`  upgraded from schema ${from} to ${to} in ${Math.round((performance.now() - t0) / 1000)} s`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Removes every profile but the cache's own, with its directories, users, groups and
 * memberships (the schema's cascades). The queries scenario syncs into the shared file under
 * fresh profiles while it measures; left there, they were listed by every later scenario (the
 * UI scenario's Settings asked each one's status on every page load, 30 by 2026-12-06).
 */
export function removeOtherProfiles(path: string, keep: string, log: (line: string) => void): void {
  const store = openStore(path);
  const db = store.writer;
  try {
    const others = listProfileRows(db)
      .map((r) => r.id)
      .filter((id) => id !== keep);
    if (others.length === 0) return;
    const t0 = performance.now();
    inTransaction(db, () => {
      for (const id of others) deleteProfileRow(db, id);
    });
    log(
      `  removed ${others.length} profile(s) other than "${keep}" from the cache (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}) in ${Math.round(performance.now() - t0)} ms`,
    );
  } finally {
    store.close();
  }
}

export async function ensureBigCache(
  size: { users: number; directories: number; diffChanges: number },
  log: (line: string) => void,
): Promise<BigCacheInfo & { reused: boolean }> {
  const path = bigCachePath(size.users, size.directories, size.diffChanges);
  const found = readInfo(path);
  if (found) {
    log(`  reusing the cache at ${path} (built in ${found.buildSeconds} s)`);
    upgradeSchema(path, log);
    removeOtherProfiles(path, found.profileId, log);
    return { ...found, path, reused: true };
  }
  log(`  building a ${size.users.toLocaleString('en-US')}-user cache at ${path} (this takes a while) …`);
  const child = startChild('build-cache.ts', [
    path,
    String(size.users),
    String(size.directories),
    String(size.diffChanges),
  ]);
  child.process.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.includes('"progress"')) log(`  build: ${line.trim()}`);
  });
  const done = await child.waitFor((l) => 'built' in l);
  await child.exited;
  return { ...(done.built as BigCacheInfo), reused: false };
}
