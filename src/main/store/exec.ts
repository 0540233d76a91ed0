/** Runs `sql` fragments through a per-connection statement cache. */
import type Database from 'better-sqlite3';
import type { ReadableDB, WritableDB } from './db-types.ts';
import type { SqlFragment } from './sql.ts';
import { prepare } from './statement-cache.ts';
import { flushUserSearchIndex } from './user-search-index.ts';

export { prepare } from './statement-cache.ts';

export function queryAll<Row>(db: ReadableDB, q: SqlFragment): Row[] {
  return prepare(db, q.text).all(...q.params) as Row[];
}

export function queryOne<Row>(db: ReadableDB, q: SqlFragment): Row | undefined {
  return prepare(db, q.text).get(...q.params) as Row | undefined;
}

export function execute(db: WritableDB, q: SqlFragment): Database.RunResult {
  return prepare(db, q.text).run(...q.params);
}

/** A value that is not a promise (nor any other thenable). */
export type NotAPromise = { then?: never };

/**
 * Runs the reads of `fn` on one snapshot of the cache (a DEFERRED transaction, which takes the
 * snapshot at its first read): a write committed while they run is seen by all of them or by
 * none, so a page and its total, or a record and its memberships, describe the same state.
 * Inside a transaction already, `fn` simply runs in it. `fn` cannot return a promise (the
 * transaction would end before it settles): its type says so.
 */
export function inReadSnapshot<T>(db: ReadableDB, fn: () => T & NotAPromise): T {
  if (db.inTransaction) return fn();
  // eslint-disable-next-line no-restricted-syntax -- reads only: a DEFERRED transaction never takes the write lock.
  return db.transaction(fn).deferred();
}

/**
 * A DEFERRED transaction, for writes that only touch per-connection TEMP tables (staging):
 * it never takes the main file's write lock.
 */
export function inTempTransaction<T>(db: WritableDB, fn: () => T): T {
  // eslint-disable-next-line no-restricted-syntax -- TEMP tables only: no user row, nothing to index.
  return db.transaction(fn)();
}

/**
 * Runs `fn` in one IMMEDIATE transaction (takes the write lock up front, no upgrade deadlocks).
 * Its last statements bring the user search indexes up to date with what `fn` wrote.
 */
export function inTransaction<T>(db: WritableDB, fn: () => T): T {
  // eslint-disable-next-line no-restricted-syntax -- the one place a cache write transaction is made.
  return db
    .transaction(() => {
      const result = fn();
      flushUserSearchIndex(db);
      return result;
    })
    .immediate();
}
