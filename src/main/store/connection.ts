/**
 * Opening the cache. Every open sets WAL, synchronous=FULL, foreign_keys=ON and a busy
 * timeout, then reads each back and refuses to continue if SQLite did not take it
 * (better-sqlite3 defaults WAL databases to synchronous=NORMAL on reopen, for example).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadableDB, WritableDB } from './db-types.ts';
import { inTransaction } from './exec.ts';
import { migrate, refuseNewerSchema, type MigrationResult, type MigrationStart } from './migrate.ts';
import type { Migration } from './migrations/index.ts';
import { userSearchNotesPending } from './user-search-index.ts';

export const BUSY_TIMEOUT_MS = 5000;
/**
 * Page cache per connection, in KiB (SQLite's default is 2 MB). A 1M-user cache is gigabytes;
 * with 2 MB every index probe of a sync's apply or a UI query goes to the OS. It is a ceiling,
 * filled only as pages are read, and it counts in the process's memory (a full sync of 1M
 * users must stay under 500 MB), so both connections get 64 MB.
 */
const WRITER_CACHE_KIB = 64 * 1024;
const READER_CACHE_KIB = 64 * 1024;
/**
 * WAL pages a commit may leave before it checkpoints them into the database file (SQLite's
 * default is 1,000, about 4 MB). Applying one 2,000-user directory dirties 5,000-20,000 pages,
 * most of them leaves of random-keyed indexes (ids, emails, the change log by user), so with the
 * default every directory's commit copied all of them into the file again and fsynced it — half
 * of a fleet's commit time. With ~256 MB the checkpoint runs every few directories and writes each
 * page once however many commits changed it. Durability is unchanged (synchronous=FULL: each
 * commit is fsynced in the WAL); a reader looks a page up in a longer WAL index.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 65_536;
/** SQLite's numeric value for synchronous=FULL. */
const SYNCHRONOUS_FULL = 2;

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

function assertPragma(db: Database.Database, name: string, expected: string | number): void {
  const actual = db.pragma(name, { simple: true });
  const normalised = typeof actual === 'string' ? actual.toLowerCase() : actual;
  if (normalised !== expected) {
    throw new DatabaseOpenError(`SQLite refused ${name}=${expected} (it reports ${String(actual)}) on ${db.name}.`);
  }
}

function applyConnectionPragmas(db: Database.Database, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  if (!readonly) db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${readonly ? READER_CACHE_KIB : WRITER_CACHE_KIB}`);
  if (db.name !== ':memory:') assertPragma(db, 'journal_mode', 'wal');
  assertPragma(db, 'synchronous', SYNCHRONOUS_FULL);
  assertPragma(db, 'foreign_keys', 1);
  assertPragma(db, 'busy_timeout', BUSY_TIMEOUT_MS);
  if (!readonly) assertPragma(db, 'wal_autocheckpoint', WAL_AUTOCHECKPOINT_PAGES);
}

function describeOpenFailure(path: string, err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  const text = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(text)) {
    return `The cache at ${path} is not a readable SQLite database (it may be corrupt). It was left untouched; move it aside to start a fresh cache.`;
  }
  if (code === 'SQLITE_CORRUPT') {
    return `The cache at ${path} is corrupt. It was left untouched; move it aside to start a fresh cache.`;
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || /readonly|permission/i.test(text)) {
    return `Cannot open the cache at ${path} for writing (${text}). Check the folder's permissions or free disk space.`;
  }
  return `Cannot open the cache at ${path}: ${text}`;
}

export interface OpenedDatabase {
  db: WritableDB;
  migration: MigrationResult;
}

/**
 * Inside Electron the Node build of better-sqlite3 (the one tests use) has the wrong ABI;
 * `npm start` builds an Electron one elsewhere and names it here (see scripts/electron-native.mjs).
 */
function nativeBindingOption(): { nativeBinding?: string } {
  const binding = process.env.DSYNC_SQLITE_NATIVE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

/** Opens (creating if needed) and migrates the writer connection. */
export function openWritableDatabase(
  path: string,
  migrations?: readonly Migration[],
  onMigrationStart?: (start: MigrationStart) => void,
): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: Database.Database | undefined;
  try {
    db = new Database(path, nativeBindingOption());
    // Before any pragma that writes: a database from a newer build must stay untouched.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    refuseNewerSchema(db, path, migrations);
    applyConnectionPragmas(db, false);
    const migration = migrate(db, path, migrations, onMigrationStart);
    // Notes a write left outside any transaction (every write of this code runs in one) are applied now.
    if (userSearchNotesPending(db as WritableDB)) inTransaction(db as WritableDB, () => {});
    return { db: db as WritableDB, migration };
  } catch (err) {
    db?.close();
    if (err instanceof DatabaseOpenError || (err instanceof Error && err.name === 'DatabaseTooNewError')) throw err;
    throw new DatabaseOpenError(describeOpenFailure(path, err), { cause: err });
  }
}

/**
 * Another writer connection on a cache the core has already opened and migrated (a sync's
 * writer thread): the same pragmas, checked the same way, and no migration of its own.
 */
export function openExtraWriter(path: string): WritableDB {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, ...nativeBindingOption() });
    applyConnectionPragmas(db, false);
    return db as WritableDB;
  } catch (err) {
    db?.close();
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError(describeOpenFailure(path, err), { cause: err });
  }
}

/**
 * A second, read-only connection for UI queries. Under WAL it reads the last committed
 * snapshot, so it never sees a directory half-applied by the writer.
 */
export function openReadableDatabase(path: string): ReadableDB {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...nativeBindingOption() });
    applyConnectionPragmas(db, true);
    return db as ReadableDB;
  } catch (err) {
    db?.close();
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError(describeOpenFailure(path, err), { cause: err });
  }
}

export function integrityCheck(db: ReadableDB): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check);
}
