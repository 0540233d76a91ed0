/**
 * Version 1: current state (profiles, organizations, directories, users, groups,
 * memberships), sync bookkeeping (runs, per-directory results, staging, event cursors),
 * history (append-only change log, tombstones) and FTS5 search over users and groups.
 *
 * Applied migrations may never change: add a new numbered file instead.
 */
import type { Migration } from './types.ts';

export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
CREATE TABLE profiles (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('demo', 'workos')),
  api_base_url  TEXT NOT NULL,
  masked_key    TEXT,
  status        TEXT NOT NULL DEFAULT 'unknown'
                CHECK (status IN ('unknown', 'ok', 'invalid_key', 'forbidden', 'unreachable', 'error')),
  status_message TEXT,
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE organizations (
  profile_id    TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  id            TEXT NOT NULL,
  name          TEXT,
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, id)
) WITHOUT ROWID;

CREATE TABLE directories (
  profile_id      TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  name            TEXT NOT NULL,
  type            TEXT NOT NULL,
  state           TEXT NOT NULL,
  domain          TEXT,
  external_key    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  raw_json        TEXT NOT NULL,
  first_seen_at   TEXT NOT NULL,
  state_since     TEXT NOT NULL,
  last_full_sync_at     TEXT,
  last_full_sync_run_id TEXT,
  last_sync_status      TEXT,
  last_sync_error       TEXT,
  membership_strategy   TEXT,
  PRIMARY KEY (profile_id, id)
) WITHOUT ROWID;

CREATE TABLE users (
  seq               INTEGER PRIMARY KEY,
  profile_id        TEXT NOT NULL,
  id                TEXT NOT NULL,
  directory_id      TEXT NOT NULL,
  organization_id   TEXT,
  idp_id            TEXT NOT NULL,
  email             TEXT,
  first_name        TEXT,
  last_name         TEXT,
  name              TEXT,
  username          TEXT,
  job_title         TEXT,
  state             TEXT NOT NULL,
  custom_attributes TEXT NOT NULL DEFAULT '{}',
  raw_json          TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  first_seen_at     TEXT NOT NULL,
  state_since       TEXT NOT NULL,
  state_since_observed INTEGER NOT NULL DEFAULT 0,
  sort_name         TEXT NOT NULL,
  search_text       TEXT NOT NULL,
  UNIQUE (profile_id, id),
  FOREIGN KEY (profile_id, directory_id) REFERENCES directories(profile_id, id) ON DELETE CASCADE
);
CREATE INDEX users_by_directory_name ON users (profile_id, directory_id, sort_name, id);
CREATE INDEX users_by_name ON users (profile_id, sort_name, id);
CREATE INDEX users_by_state ON users (profile_id, state, state_since);

CREATE TABLE groups (
  seq             INTEGER PRIMARY KEY,
  profile_id      TEXT NOT NULL,
  id              TEXT NOT NULL,
  directory_id    TEXT NOT NULL,
  organization_id TEXT,
  idp_id          TEXT NOT NULL,
  name            TEXT NOT NULL,
  raw_json        TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  first_seen_at   TEXT NOT NULL,
  sort_name       TEXT NOT NULL,
  UNIQUE (profile_id, id),
  FOREIGN KEY (profile_id, directory_id) REFERENCES directories(profile_id, id) ON DELETE CASCADE
);
CREATE INDEX groups_by_directory_name ON groups (profile_id, directory_id, sort_name, id);
CREATE INDEX groups_by_name ON groups (profile_id, sort_name, id);

CREATE TABLE memberships (
  profile_id   TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  since        TEXT NOT NULL,
  PRIMARY KEY (profile_id, group_id, user_id),
  FOREIGN KEY (profile_id, group_id) REFERENCES groups(profile_id, id) ON DELETE CASCADE,
  FOREIGN KEY (profile_id, user_id) REFERENCES users(profile_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (profile_id, user_id, group_id);

-- Ordering of membership events (they carry no updated_at of their own): the latest event
-- time seen per pair, so a late, older event cannot undo a newer one.
CREATE TABLE membership_clock (
  profile_id TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  at         TEXT NOT NULL,
  PRIMARY KEY (profile_id, group_id, user_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE users_fts USING fts5(
  search_text, content='users', content_rowid='seq',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF search_text ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO users_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE VIRTUAL TABLE groups_fts USING fts5(
  name, idp_id, content='groups', content_rowid='seq',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER groups_fts_insert AFTER INSERT ON groups BEGIN
  INSERT INTO groups_fts (rowid, name, idp_id) VALUES (new.seq, new.name, new.idp_id);
END;
CREATE TRIGGER groups_fts_delete AFTER DELETE ON groups BEGIN
  INSERT INTO groups_fts (groups_fts, rowid, name, idp_id) VALUES ('delete', old.seq, old.name, old.idp_id);
END;
CREATE TRIGGER groups_fts_update AFTER UPDATE OF name, idp_id ON groups BEGIN
  INSERT INTO groups_fts (groups_fts, rowid, name, idp_id) VALUES ('delete', old.seq, old.name, old.idp_id);
  INSERT INTO groups_fts (rowid, name, idp_id) VALUES (new.seq, new.name, new.idp_id);
END;

CREATE TABLE sync_runs (
  id            TEXT PRIMARY KEY,
  profile_id    TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('full', 'events', 'reconcile')),
  status        TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'cancelled')),
  reason        TEXT,
  directory_id  TEXT,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  requests      INTEGER NOT NULL DEFAULT 0,
  rate_limit_wait_ms INTEGER NOT NULL DEFAULT 0,
  retries       INTEGER NOT NULL DEFAULT 0,
  changes       INTEGER NOT NULL DEFAULT 0,
  error         TEXT
);
CREATE INDEX sync_runs_by_profile ON sync_runs (profile_id, started_at);

CREATE TABLE sync_run_directories (
  run_id       TEXT NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  directory_id TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'removed', 'cancelled')),
  users        INTEGER NOT NULL DEFAULT 0,
  groups       INTEGER NOT NULL DEFAULT 0,
  memberships  INTEGER NOT NULL DEFAULT 0,
  changes      INTEGER NOT NULL DEFAULT 0,
  strategy     TEXT,
  error        TEXT,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  PRIMARY KEY (run_id, directory_id)
) WITHOUT ROWID;

-- Pages fetched during a full sync wait here until the whole directory is in, then are
-- diffed against current state and applied in one transaction.
CREATE TABLE stage_users (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, id)
) WITHOUT ROWID;
CREATE TABLE stage_groups (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, id)
) WITHOUT ROWID;
CREATE TABLE stage_memberships (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, group_id TEXT NOT NULL, user_id TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, group_id, user_id)
) WITHOUT ROWID;

CREATE TABLE event_cursors (
  profile_id  TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
  after_event_id TEXT,
  last_event_at  TEXT,
  range_start    TEXT,
  updated_at     TEXT NOT NULL
);

CREATE TABLE applied_events (
  profile_id TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, event_id)
) WITHOUT ROWID;

-- History is the product: never updated, never deleted (enforced below).
CREATE TABLE changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id   TEXT NOT NULL,
  at           TEXT NOT NULL,
  entity_type  TEXT NOT NULL CHECK (entity_type IN ('directory', 'user', 'group', 'membership')),
  entity_id    TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'changed', 'state_changed')),
  field        TEXT,
  before_json  TEXT,
  after_json   TEXT,
  group_id     TEXT,
  user_id      TEXT,
  source       TEXT NOT NULL CHECK (source IN ('full_sync', 'events', 'webhook')),
  run_id       TEXT,
  event_id     TEXT,
  baseline     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX changes_by_time ON changes (profile_id, at, seq);
CREATE INDEX changes_by_entity ON changes (profile_id, entity_id, at);
CREATE INDEX changes_by_user ON changes (profile_id, user_id, at) WHERE user_id IS NOT NULL;
CREATE INDEX changes_by_group ON changes (profile_id, group_id, at) WHERE group_id IS NOT NULL;
CREATE INDEX changes_by_run ON changes (run_id);
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes BEGIN
  SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes BEGIN
  SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TABLE tombstones (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id   TEXT NOT NULL,
  entity_type  TEXT NOT NULL CHECK (entity_type IN ('directory', 'user', 'group')),
  entity_id    TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  last_record_json TEXT NOT NULL,
  removed_at   TEXT NOT NULL,
  reason       TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('full_sync', 'events', 'webhook')),
  run_id       TEXT,
  restored_at  TEXT
);
CREATE INDEX tombstones_by_entity ON tombstones (profile_id, entity_id);
CREATE INDEX tombstones_by_time ON tombstones (profile_id, entity_type, removed_at);
`,
};
