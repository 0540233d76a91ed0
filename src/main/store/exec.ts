/** Runs `sql` fragments through a per-connection statement cache. */
import type Database from 'better-sqlite3';
import type { ReadableDB, WritableDB } from './db-types.ts';
import type { SqlFragment } from './sql.ts';

const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement prepared once per connection and text (rows may be bound positionally). */
export function prepare(db: Database.Database, text: string): Database.Statement {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

export function queryAll<Row>(db: ReadableDB, q: SqlFragment): Row[] {
  return prepare(db, q.text).all(...q.params) as Row[];
}

export function queryOne<Row>(db: ReadableDB, q: SqlFragment): Row | undefined {
  return prepare(db, q.text).get(...q.params) as Row | undefined;
}

export function execute(db: WritableDB, q: SqlFragment): Database.RunResult {
  return prepare(db, q.text).run(...q.params);
}

/**
 * A DEFERRED transaction, for writes that only touch per-connection TEMP tables (staging):
 * it never takes the main file's write lock.
 */
export function inTempTransaction<T>(db: WritableDB, fn: () => T): T {
  return db.transaction(fn)();
}

/** Runs `fn` in one IMMEDIATE transaction (takes the write lock up front, no upgrade deadlocks). */
export function inTransaction<T>(db: WritableDB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
