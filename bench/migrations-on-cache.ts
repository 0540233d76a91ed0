/**
 * How long each pending migration takes on a real cache: copy a cache built by an older
 * schema (e.g. the bench's big cache, `DSYNC_BENCH_CACHE_DIR`) and point this at the copy.
 * It migrates the file in place, one migration at a time, and prints each one's time.
 *
 *   node --import tsx bench/migrations-on-cache.ts /tmp/copy-of-cache.sqlite
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { applyPendingMigrations } from '../src/main/store/migrate.ts';
import { migrations } from '../src/main/store/migrations/index.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: bench/migrations-on-cache.ts <copy of a cache file> (it is migrated in place)');
const db = new Database(path, { fileMustExist: true });
db.pragma('journal_mode = WAL');
const from = db.pragma('user_version', { simple: true }) as number;
const sizes = db
  .prepare('SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships')
  .get();
console.log(`schema ${from}`, sizes);
for (const m of migrations.filter((x) => x.version > from)) {
  const t = performance.now();
  applyPendingMigrations(db, [m]);
  console.log(`migration ${m.version} (${m.name}): ${((performance.now() - t) / 1000).toFixed(2)} s`);
}
console.log(`load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
db.close();
