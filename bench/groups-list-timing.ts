/**
 * listGroups as the Groups screen asks for it (pages of 200: all groups, per directory, searches,
 * a user's groups), timed on a cache copy. Opens the file read-only, so migrate the copy first
 * (open it once with the store, e.g. `dsync-console` or bench ui). Usage:
 *   node --import tsx bench/groups-list-timing.ts /tmp/copy/cache-1000000u-200d-100000c.sqlite
 */
import { openReadableDatabase } from '../src/main/store/connection.ts';
import { queryAll, queryOne } from '../src/main/store/exec.ts';
import { listGroups, type GroupListQuery } from '../src/main/store/queries/groups-query.ts';
import { sql } from '../src/main/store/sql.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: node --import tsx bench/groups-list-timing.ts <migrated cache copy>');
  process.exit(2);
}
const db = openReadableDatabase(path);
const profileId = queryOne<{ id: string }>(db, sql`SELECT id FROM profiles LIMIT 1`)!.id;
const directories = queryAll<{ id: string }>(
  db,
  sql`SELECT id FROM directories WHERE profile_id = ${profileId} ORDER BY id LIMIT 5`,
);
const users = queryAll<{ user_id: string }>(
  db,
  sql`SELECT user_id FROM memberships WHERE profile_id = ${profileId} LIMIT 5`,
).map((r) => r.user_id);

const times: number[] = [];
function walk(filter: Omit<GroupListQuery, 'profileId' | 'limit' | 'cursor'>, pages: number): void {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const started = performance.now();
    const page = listGroups(db, { profileId, limit: 200, ...filter, ...(cursor ? { cursor } : {}) });
    times.push(performance.now() - started);
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

for (let round = 0; round < 2; round++) {
  walk({}, 15);
  for (const d of directories) walk({ directoryId: d.id }, 3);
  for (const search of ['eng', 'sales', 'a', 'admin']) walk({ search }, 3);
  for (const userId of users) walk({ userId }, 1);
}
times.sort((a, b) => a - b);
const at = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
console.log(`listGroups: ${times.length} calls, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
db.close();
