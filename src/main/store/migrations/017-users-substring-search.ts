/**
 * Version 17: substring search in users and groups. `users_trigram_fts` indexes every three-character
 * sequence of `search_text` (the same text `users_fts` indexes by word), folded for case and
 * diacritics, so "derso" finds Anderson and "son.smi" finds anderson.smith@…. A phrase query
 * of a typed word's trigrams is an exact substring test (detail=full keeps the positions), so
 * the list can drive from it without re-reading user rows. External content (the users table,
 * rowid = seq) and triggers like users_fts: the index is the only copy.
 *
 * `groups_trigram_fts` does the same for group names and IdP ids ("ales" finds Sales).
 *
 * The rebuild reads every user once; see bench/migrations-on-cache.ts for its time on a cache.
 */
import type { Migration } from './types.ts';

export const migration017: Migration = {
  version: 17,
  name: 'users and groups substring search (trigram indexes)',
  up: `
CREATE VIRTUAL TABLE users_trigram_fts USING fts5(
  search_text, content='users', content_rowid='seq',
  tokenize = 'trigram remove_diacritics 1', detail = full
);
INSERT INTO users_trigram_fts (users_trigram_fts) VALUES ('rebuild');
CREATE TRIGGER users_trigram_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_trigram_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER users_trigram_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_trigram_fts (users_trigram_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER users_trigram_fts_update AFTER UPDATE OF search_text ON users BEGIN
  INSERT INTO users_trigram_fts (users_trigram_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO users_trigram_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE VIRTUAL TABLE groups_trigram_fts USING fts5(
  name, idp_id, content='groups', content_rowid='seq',
  tokenize = 'trigram remove_diacritics 1', detail = full
);
INSERT INTO groups_trigram_fts (groups_trigram_fts) VALUES ('rebuild');
CREATE TRIGGER groups_trigram_fts_insert AFTER INSERT ON groups BEGIN
  INSERT INTO groups_trigram_fts (rowid, name, idp_id) VALUES (new.seq, new.name, new.idp_id);
END;
CREATE TRIGGER groups_trigram_fts_delete AFTER DELETE ON groups BEGIN
  INSERT INTO groups_trigram_fts (groups_trigram_fts, rowid, name, idp_id) VALUES ('delete', old.seq, old.name, old.idp_id);
END;
CREATE TRIGGER groups_trigram_fts_update AFTER UPDATE OF name, idp_id ON groups BEGIN
  INSERT INTO groups_trigram_fts (groups_trigram_fts, rowid, name, idp_id) VALUES ('delete', old.seq, old.name, old.idp_id);
  INSERT INTO groups_trigram_fts (rowid, name, idp_id) VALUES (new.seq, new.name, new.idp_id);
END;
`,
};
