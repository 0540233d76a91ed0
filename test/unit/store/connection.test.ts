import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  integrityCheck,
  openWritableDatabase,
  DatabaseOpenError,
  WAL_AUTOCHECKPOINT_PAGES,
} from '../../../src/main/store/connection.ts';
import { DatabaseTooNewError } from '../../../src/main/store/migrate.ts';
import { latestSchemaVersion, migrations } from '../../../src/main/store/migrations/index.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { tempDir } from './helpers.ts';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('opening the cache', () => {
  it('migrates an empty database to the latest schema with WAL, FULL sync and foreign keys', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = openStore(join(t.dir, 'c.sqlite'));
    expect(store.migration).toEqual({ from: 0, to: latestSchemaVersion, backupPath: null });
    for (const db of [store.writer, store.reader]) {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    }
    expect(integrityCheck(store.reader)).toEqual(['ok']);
    const tables = store.reader.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['profiles', 'users', 'groups', 'memberships', 'changes', 'tombstones', 'users_fts']),
    );
    store.close();
  });

  it('sets the pragmas again on every reopen', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    openStore(path).close();
    const again = openStore(path);
    expect(again.migration.from).toBe(latestSchemaVersion);
    expect(again.writer.pragma('synchronous', { simple: true })).toBe(2);
    expect(again.writer.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(again.writer.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    again.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openStore(path)).toThrow(DatabaseTooNewError);
    expect(() => openStore(path)).toThrow(/newer dsync-console/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 5);
    check.close();
  });

  it('backs up an existing database before migrating it', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    // Build an "old" database at version 1, then migrate with a hypothetical version 2.
    openWritableDatabase(path).db.close();
    const next = [
      ...migrations,
      { version: latestSchemaVersion + 1, name: 'test', up: 'CREATE TABLE added_later (x TEXT);' },
    ];
    const { db, migration } = openWritableDatabase(path, next);
    expect(migration.from).toBe(latestSchemaVersion);
    expect(migration.backupPath).not.toBeNull();
    expect(existsSync(migration.backupPath!)).toBe(true);
    const backup = new Database(migration.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    backup.close();
    db.close();
  });

  for (const from of migrations.slice(0, -1).map((m) => m.version)) {
    it(`migrates a version-${from} database to the latest, keeping its data and backing it up first`, () => {
      const t = tempDir();
      cleanup = t.cleanup;
      const path = join(t.dir, 'c.sqlite');
      const old = openWritableDatabase(
        path,
        migrations.filter((m) => m.version <= from),
      ).db;
      old
        .prepare(
          `INSERT INTO profiles (id, name, kind, api_base_url, created_at, updated_at) VALUES ('p', 'P', 'workos', 'u', 't', 't')`,
        )
        .run();
      old.close();
      const store = openStore(path);
      expect(store.migration).toMatchObject({ from, to: latestSchemaVersion });
      expect(existsSync(store.migration.backupPath!)).toBe(true);
      expect(store.reader.prepare('SELECT id FROM profiles').all()).toEqual([{ id: 'p' }]);
      expect(
        store.reader
          .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'stage_users' AND type = 'table'`)
          .get(),
      ).toEqual({ n: 0 });
      expect(integrityCheck(store.reader)).toEqual(['ok']);
      store.close();
    });
  }

  it('rolls back every pending migration when one fails', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    openWritableDatabase(path).db.close();
    const broken = [
      ...migrations,
      { version: latestSchemaVersion + 1, name: 'ok', up: 'CREATE TABLE step_one (x);' },
      { version: latestSchemaVersion + 2, name: 'bad', up: 'CREATE TABLE step_two (x); THIS IS NOT SQL;' },
    ];
    expect(() => openWritableDatabase(path, broken)).toThrow();
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(check.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'step_one'`).get()).toEqual({ n: 0 });
    check.close();
    expect(readdirSync(t.dir).some((f) => f.endsWith('.bak'))).toBe(true);
  });

  it('says clearly when the file is not a database, without overwriting it', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    writeFileSync(path, 'this is not sqlite at all, just text that is long enough to have a header '.repeat(20));
    expect(() => openStore(path)).toThrow(DatabaseOpenError);
    expect(() => openStore(path)).toThrow(/not a readable SQLite database/);
  });
});
