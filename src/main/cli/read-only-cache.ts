/**
 * The cache as the read-only commands (users, groups, changes, directories) see it. They never
 * create or chmod a data folder and never turn an empty or foreign file into a database: the
 * folder and its cache.sqlite must exist, the file must be SQLite with this app's schema, and it
 * is opened read-only. What is missing is said in one line (exit status 1). A cache written by
 * an older build is upgraded first, with a backup, exactly as the app would on its next start.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../paths.ts';
import { openReadableDatabase, openWritableDatabase } from '../store/connection.ts';
import type { ReadableDB } from '../store/db-types.ts';
import { latestVersion, readUserVersion, DatabaseTooNewError } from '../store/migrate.ts';
import { CACHE_FILE_NAME } from '../store/store.ts';

/** Nothing readable where the cache should be: exit status 1, nothing created or changed. */
export class MissingCacheError extends Error {}

const SQLITE_HEADER = 'SQLite format 3\0';
/** Tables every schema version has; a SQLite file without them is someone else's database. */
const REQUIRED_TABLES = ['profiles', 'directories', 'users', 'groups', 'changes'];

const syncFirst =
  'run "dsync-console sync" first, or point --data-dir (or DSYNC_CONSOLE_DATA_DIR) at the folder that has it';

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Checks the file is a dsync-console cache without writing to it; returns its schema version. */
function checkCacheFile(path: string): number {
  const stat = statSync(path);
  if (!stat.isFile()) throw new MissingCacheError(`${path} is not a file, so it is not a dsync-console cache.`);
  if (stat.size === 0)
    throw new MissingCacheError(`The cache file ${path} is empty: it is not a dsync-console cache (left untouched).`);
  if (readHeader(path) !== SQLITE_HEADER)
    throw new MissingCacheError(`${path} is not a SQLite database, so not a dsync-console cache (left untouched).`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const version = readUserVersion(db);
    if (version === 0 || REQUIRED_TABLES.some((t) => !tables.has(t)))
      throw new MissingCacheError(`${path} is a SQLite database but not a dsync-console cache (left untouched).`);
    if (version > latestVersion()) throw new DatabaseTooNewError(version, latestVersion(), path);
    return version;
  } catch (err) {
    if (err instanceof MissingCacheError || err instanceof DatabaseTooNewError) throw err;
    throw new MissingCacheError(
      `The cache at ${path} cannot be read (${err instanceof Error ? err.message : String(err)}); it was left untouched.`,
      { cause: err },
    );
  } finally {
    db?.close();
  }
}

/** Opens the cache in `--data-dir` (or the default folder) read-only, or says what is missing. */
export function openCacheReadOnly(dataDirFlag: string | undefined): { path: string; db: ReadableDB } {
  const dataDir = resolveDataDir(dataDirFlag);
  if (!existsSync(dataDir)) throw new MissingCacheError(`There is no data folder at ${dataDir}: ${syncFirst}.`);
  const path = join(dataDir, CACHE_FILE_NAME);
  if (!existsSync(path))
    throw new MissingCacheError(`There is no cache in ${dataDir} (no ${CACHE_FILE_NAME}): ${syncFirst}.`);
  const version = checkCacheFile(path);
  if (version < latestVersion()) openWritableDatabase(path).db.close();
  return { path, db: openReadableDatabase(path) };
}
