/**
 * Upgrade safety. A cache written at every earlier schema version (built from the migrations
 * list, filled by a real sync with history) migrates to the current version through the
 * normal open path without losing a row; a backup of the old file is left beside it. A cache
 * from a newer build is refused with a clear message and left byte-for-byte untouched.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { integrityCheck, openWritableDatabase } from '../../src/main/store/connection.ts';
import type { ReadableDB, WritableDB } from '../../src/main/store/db-types.ts';
import { readUserVersion, type MigrationStart } from '../../src/main/store/migrate.ts';
import { latestSchemaVersion, migrations } from '../../src/main/store/migrations/index.ts';
import { insertProfileRow } from '../../src/main/store/profiles-table.ts';
import { createStagingTables } from '../../src/main/store/staging.ts';
import { openStore, type Store } from '../../src/main/store/store.ts';
import { runFullSync } from '../../src/main/sync/full-sync.ts';
import { cacheByDirectory, canonicalJson, fingerprint, truthByDirectory } from './support/directory-state.ts';
import { report } from './support/soak.ts';
import { emulatorClient, PROFILE_ID } from './support/sync-in-process.ts';

/**
 * Tables a migration may drop, with the reason none of their rows is data the user owns.
 * A dropped table not listed here fails the test.
 */
const DROPPABLE_TABLES: Record<string, string> = {
  stage_users: 'staging of an unfinished sync; v2 moved it to TEMP tables (a crash discards it anyway)',
  stage_groups: 'staging of an unfinished sync; v2 moved it to TEMP tables',
  stage_memberships: 'staging of an unfinished sync; v2 moved it to TEMP tables',
};

type TableRows = Map<string, Record<string, unknown>[]>;

/** Every row of every ordinary table (FTS shadow tables are derived data and excluded). */
function dumpTables(db: Database.Database): TableRows {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_%' ORDER BY name`,
    )
    .all() as { name: string }[];
  const out: TableRows = new Map();
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
    out.set(name, rows);
  }
  return out;
}

function sortedCanonical(rows: Record<string, unknown>[], columns: string[]): string[] {
  return rows.map((r) => canonicalJson(Object.fromEntries(columns.map((c) => [c, r[c]])))).sort();
}

function fileDigest(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

let emu: RunningEmulator | undefined;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 25,
    directories: 2,
    rateLimitScale: 100,
    randomSeed: 42,
  });
});
afterAll(async () => {
  await emu?.close();
  for (const c of cleanups) c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-upgrade-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A cache at schema `version`, filled by two real syncs (a snapshot, then changes on top). */
async function cacheAtVersion(version: number, path: string, e: RunningEmulator): Promise<void> {
  const { db } = openWritableDatabase(path, migrations.slice(0, version));
  try {
    expect(readUserVersion(db)).toBe(version);
    createStagingTables(db);
    const store: Store = {
      path,
      writer: db,
      reader: db as ReadableDB,
      migration: { from: 0, to: version, backupPath: null },
      close: () => db.close(),
    };
    insertProfileRow(db as WritableDB, {
      id: PROFILE_ID,
      name: 'Upgrade test',
      kind: 'workos',
      apiBaseUrl: e.url,
      maskedKey: 'sk_test_…abcd',
      at: new Date().toISOString(),
    });
    const client = emulatorClient(e, 100);
    expect((await runFullSync({ store, client, profileId: PROFILE_ID })).status).toBe('succeeded');
    for (let i = 0; i < 6; i++) e.control.step('mixed');
    expect((await runFullSync({ store, client, profileId: PROFILE_ID })).status).toBe('succeeded');
  } finally {
    db.close();
  }
}

describe('upgrade safety', () => {
  const earlier = migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion);

  it.each(earlier)('a cache written at schema %i migrates to the current schema without losing a row', async (v) => {
    const e = emu!;
    const dir = tempDir();
    const path = join(dir, 'cache.sqlite');
    await cacheAtVersion(v, path, e);
    const raw = new Database(path, { readonly: true });
    const before = dumpTables(raw);
    raw.close();

    // Said before the copy and the migrations start (minutes on a large cache), with the file's size
    // (read then: opening may first move a leftover WAL's pages into the file, never fewer).
    const bytesBefore = statSync(path).size;
    const started: { start: MigrationStart; backupExisted: boolean }[] = [];
    const store = openStore(path, {
      onMigrationStart: (start) => started.push({ start, backupExisted: existsSync(start.backupPath) }),
    });
    try {
      expect(store.migration).toMatchObject({ from: v, to: latestSchemaVersion });
      expect(store.migration.backupPath, 'a backup of the old file').not.toBeNull();
      expect(started).toEqual([
        {
          start: {
            from: v,
            to: latestSchemaVersion,
            backupPath: store.migration.backupPath,
            bytes: expect.any(Number),
          },
          backupExisted: false,
        },
      ]);
      expect(started[0]!.start.bytes).toBeGreaterThanOrEqual(bytesBefore);
      expect(integrityCheck(store.reader)).toEqual(['ok']);
      const after = dumpTables(store.reader);
      let rowsCompared = 0;
      for (const [table, rows] of before) {
        const now = after.get(table);
        if (!now) {
          expect(
            DROPPABLE_TABLES[table],
            `table ${table} was dropped but is not a reviewed droppable table`,
          ).toBeDefined();
          continue;
        }
        // Columns the old schema had must keep their values (new columns may be added).
        const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
        expect(now.length, `rows in ${table}`).toBe(rows.length);
        expect(sortedCanonical(now, columns), `rows of ${table}`).toEqual(sortedCanonical(rows, columns));
        rowsCompared += rows.length;
      }
      // The migrated cache still answers with the same directories, users, groups, memberships.
      const truth = truthByDirectory(e.control.truth());
      const cache = cacheByDirectory(store.reader, PROFILE_ID);
      for (const [id, state] of truth) expect(fingerprint(cache.get(id)), id).toEqual(fingerprint(state));
      // The backup is the old database, intact and still at the old version.
      const backup = new Database(store.migration.backupPath!, { readonly: true });
      try {
        expect(readUserVersion(backup)).toBe(v);
        expect(integrityCheck(backup as ReadableDB)).toEqual(['ok']);
      } finally {
        backup.close();
      }
      report(
        'upgrade',
        `schema ${v} → ${latestSchemaVersion}: ${before.size} tables, ${rowsCompared} rows kept, backup ${store.migration.backupPath}`,
      );
    } finally {
      store.close();
    }
  });

  it.each([
    ['WAL', 'wal'],
    ['rollback-journal', 'delete'],
  ])('a cache from a newer build (%s mode) is refused with a clear message and left untouched', (_label, mode) => {
    const dir = tempDir();
    const path = join(dir, 'cache.sqlite');
    const future = latestSchemaVersion + 1;
    const { db } = openWritableDatabase(path);
    db.exec(`CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('keep me');`);
    db.pragma(`journal_mode = ${mode}`);
    db.pragma(`user_version = ${future}`);
    db.close();
    const filesBefore = readdirSync(dir).sort();
    const digestBefore = fileDigest(path);

    expect(() => openStore(path)).toThrow(
      new RegExp(`newer dsync-console \\(schema ${future}; this build knows up to ${latestSchemaVersion}\\)`),
    );
    expect(fileDigest(path), 'the database file is byte-identical').toBe(digestBefore);
    expect(readdirSync(dir).sort(), 'no backup, WAL or journal file was left behind').toEqual(filesBefore);
    report('upgrade', `schema ${future} (${mode}) refused; ${path} unchanged (sha256 ${digestBefore?.slice(0, 12)}…)`);
  });
});
