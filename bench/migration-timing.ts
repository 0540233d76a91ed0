/**
 * How long opening a cache of the previous schema takes when the newest migration rebuilds a
 * big table (migration 12 rebuilds `memberships`). Builds a cache at schema 11 on a temporary
 * file with synthetic rows — users, groups and memberships spread over directories the way the
 * bench's large cache is — then opens it the way the app does (backup, then migrations) and
 * prints how long each step took.
 *
 *   node --import tsx bench/migration-timing.ts [--users 1000000] [--directories 200]
 *        [--groups-per-directory 106] [--memberships-per-user 4]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openWritableDatabase } from '../src/main/store/connection.ts';
import { applyPendingMigrations } from '../src/main/store/migrate.ts';
import { migrations } from '../src/main/store/migrations/index.ts';

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const users = argNumber('users', 1_000_000);
const directories = argNumber('directories', 200);
const groupsPerDirectory = argNumber('groups-per-directory', 106);
const membershipsPerUser = argNumber('memberships-per-user', 4);
const from = migrations.findIndex((m) => m.version === 12);
if (from < 0) throw new Error('migration 12 is not in the list');

const dir = mkdtempSync(join(tmpdir(), 'dsync-migration-'));
const path = join(dir, 'cache.sqlite');
const mb = (p: string): string => (statSync(p).size / 1e6).toFixed(0);
try {
  const t0 = performance.now();
  const old = new Database(path);
  old.pragma('journal_mode = WAL');
  applyPendingMigrations(old, migrations.slice(0, from));
  const usersPerDirectory = Math.ceil(users / directories);
  // Synthetic rows in one transaction, foreign keys off (ids are made to match anyway).
  old.exec(`
    BEGIN;
    INSERT INTO profiles (id, name, kind, api_base_url, created_at, updated_at)
      VALUES ('p', 'p', 'workos', 'http://127.0.0.1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i + 1 < ${directories})
    INSERT INTO directories (profile_id, id, organization_id, name, type, state, created_at, updated_at, raw_json, first_seen_at, state_since)
      SELECT 'p', printf('directory_%05d', i), 'org', printf('Directory %d', i), 'okta scim v2.0', 'linked',
             '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
      FROM d;
    WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ${directories * groupsPerDirectory})
    INSERT INTO groups (profile_id, id, directory_id, idp_id, name, raw_json, created_at, updated_at, first_seen_at, sort_name)
      SELECT 'p', printf('directory_group_%08x', (i * 2654435761) % 4294967296), printf('directory_%05d', i / ${groupsPerDirectory}),
             i, printf('Group %d', i), '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
             printf('group %d', i)
      FROM g;
    WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i + 1 < ${users})
    INSERT INTO users (profile_id, id, directory_id, idp_id, state, raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
      SELECT 'p', printf('directory_user_%08x', (i * 2654435761) % 4294967296), printf('directory_%05d', i / ${usersPerDirectory}),
             i, 'active', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
             '2026-01-01T00:00:00.000Z', printf('user %d', i), printf('user %d', i)
      FROM u;
    WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i + 1 < ${users * membershipsPerUser}),
         pair(u, g) AS (
           SELECT i / ${membershipsPerUser},
                  ((i / ${membershipsPerUser}) / ${usersPerDirectory}) * ${groupsPerDirectory}
                    + ((i / ${membershipsPerUser}) * 7 + (i % ${membershipsPerUser}) * 13) % ${groupsPerDirectory}
           FROM m)
    INSERT OR IGNORE INTO memberships (profile_id, group_id, user_id, directory_id, since)
      SELECT 'p', printf('directory_group_%08x', (g * 2654435761) % 4294967296), printf('directory_user_%08x', (u * 2654435761) % 4294967296),
             printf('directory_%05d', u / ${usersPerDirectory}), '2026-01-01T00:00:00.000Z'
      FROM pair;
    COMMIT;`);
  const count = (old.prepare('SELECT count(*) AS n FROM memberships').get() as { n: number }).n;
  old.pragma('wal_checkpoint(TRUNCATE)');
  old.close();
  console.log(
    `schema ${migrations[from - 1]!.version} cache: ${users} users, ${directories * groupsPerDirectory} groups, ` +
      `${count} memberships, ${mb(path)} MB, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const t1 = performance.now();
  const opened = openWritableDatabase(path);
  const openMs = performance.now() - t1;
  opened.db.close();
  console.log(
    `opened at schema ${opened.migration.to} (from ${opened.migration.from}) in ${(openMs / 1000).toFixed(1)} s, ` +
      `backup included (${opened.migration.backupPath ? mb(opened.migration.backupPath) : '?'} MB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
