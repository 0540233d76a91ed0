/** Prepared statements, kept per connection and SQL text. */
import type Database from 'better-sqlite3';

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
