/**
 * Bringing the user search indexes (`users_fts`, `users_trigram_fts`) up to date with the users
 * a transaction wrote. The users triggers only note each user whose text moved, with the text
 * the indexes still hold for it (migration 21); this applies the notes in a few set-based
 * statements, so each index takes one batch of terms per transaction, not one per statement.
 */
import type Database from 'better-sqlite3';
import type { WritableDB } from './db-types.ts';
import { prepare } from './statement-cache.ts';

const USER_SEARCH_INDEXES = ['users_fts', 'users_trigram_fts'] as const;

/**
 * Connections whose database keeps the notes (a cache; not, say, a team server's audit file).
 * Only a yes is remembered: a cache opened before its migration gains the table later.
 */
const keepsNotes = new WeakSet<Database.Database>();

function hasPendingTable(db: WritableDB): boolean {
  if (keepsNotes.has(db)) return true;
  const found =
    prepare(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users_search_pending'`).get() !==
    undefined;
  if (found) keepsNotes.add(db);
  return found;
}

/** Whether some user's text moved since the indexes were last brought up to date. */
export function userSearchNotesPending(db: WritableDB): boolean {
  return hasPendingTable(db) && prepare(db, 'SELECT 1 FROM users_search_pending LIMIT 1').get() !== undefined;
}

/** Applies and clears the noted changes; call inside the write transaction that made them. */
export function flushUserSearchIndex(db: WritableDB): void {
  if (!userSearchNotesPending(db)) return;
  for (const index of USER_SEARCH_INDEXES) {
    // Out with the text the index holds, in with the row's current text (none if it is gone);
    // CROSS JOIN keeps the notes outside, so each is one seek by seq, never a scan of users.
    prepare(
      db,
      `INSERT INTO ${index} (${index}, rowid, search_text)
       SELECT 'delete', seq, indexed_text FROM users_search_pending WHERE indexed_text IS NOT NULL`,
    ).run();
    prepare(
      db,
      `INSERT INTO ${index} (rowid, search_text)
       SELECT u.seq, u.search_text FROM users_search_pending p CROSS JOIN users u ON u.seq = p.seq`,
    ).run();
  }
  prepare(db, 'DELETE FROM users_search_pending').run();
}
