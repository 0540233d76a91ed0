/**
 * Version 21: the user search indexes (words and trigrams) are brought up to date once per write
 * transaction instead of once per statement. The triggers now only note which users' text moved
 * (`users_search_pending`: the user's seq, and the text the indexes hold for it, NULL for none;
 * the first note of a transaction stays, and it never conflicts, so the conflict clause of the
 * statement that fires the trigger, such as OR REPLACE, cannot overwrite it);
 * the transaction's last statements apply those notes to both indexes and clear them
 * (`user-search-index.ts`, called by `inTransaction`).
 *
 * Why: an FTS5 table flushes its pending terms into a new segment whenever a statement of the
 * same transaction opens a statement savepoint, which every write with a trigger does. So each
 * user update of an events batch wrote its own tiny segment into each index, and automerge then
 * merged them: about a fifth of the time an events batch spent inside SQLite at 1M users
 * (perf, 2026-12-06).
 */
import type { Migration } from './types.ts';

export const migration021: Migration = {
  version: 21,
  name: 'user search index per transaction',
  up: `
CREATE TABLE users_search_pending (
  seq          INTEGER PRIMARY KEY,
  indexed_text TEXT
);
DROP TRIGGER users_fts_insert;
DROP TRIGGER users_fts_delete;
DROP TRIGGER users_fts_update;
DROP TRIGGER users_trigram_fts_insert;
DROP TRIGGER users_trigram_fts_delete;
DROP TRIGGER users_trigram_fts_update;
CREATE TRIGGER users_search_pending_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_search_pending (seq, indexed_text) SELECT new.seq, NULL
    WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE seq = new.seq);
END;
CREATE TRIGGER users_search_pending_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_search_pending (seq, indexed_text) SELECT old.seq, old.search_text
    WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE seq = old.seq);
END;
CREATE TRIGGER users_search_pending_update AFTER UPDATE OF search_text ON users
  WHEN old.search_text IS NOT new.search_text
BEGIN
  INSERT INTO users_search_pending (seq, indexed_text) SELECT old.seq, old.search_text
    WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE seq = old.seq);
END;
`,
};
