/**
 * Version 3: the webhook inbox. Every delivery the local receiver got, raw (headers and the
 * exact body bytes) with its verdict; duplicate and out-of-order flags are decided at insert
 * from the indexes below. Not tied to a profile: the receiver serves the whole app.
 */
import type { Migration } from './types.ts';

export const migration003: Migration = {
  version: 3,
  name: 'webhook inbox',
  up: `
CREATE TABLE webhook_inbox (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at            INTEGER NOT NULL,
  method                 TEXT NOT NULL,
  path                   TEXT NOT NULL,
  remote_address         TEXT,
  headers_json           TEXT NOT NULL,
  body                   BLOB NOT NULL,
  body_truncated         INTEGER NOT NULL CHECK (body_truncated IN (0, 1)),
  status                 INTEGER NOT NULL,
  valid                  INTEGER NOT NULL CHECK (valid IN (0, 1)),
  reason                 TEXT NOT NULL,
  matched_secret         INTEGER,
  event_id               TEXT,
  event_type             TEXT,
  directory_id           TEXT,
  entity_key             TEXT,
  event_created_at       TEXT,
  event_time_ms          INTEGER,
  signature_timestamp_ms REAL,
  body_bytes             INTEGER NOT NULL,
  duplicate_of           INTEGER,
  out_of_order           INTEGER NOT NULL CHECK (out_of_order IN (0, 1)),
  verdict_json           TEXT NOT NULL
);
CREATE INDEX webhook_inbox_received ON webhook_inbox (received_at, id);
CREATE INDEX webhook_inbox_event ON webhook_inbox (event_id, id) WHERE valid = 1;
CREATE INDEX webhook_inbox_entity ON webhook_inbox (entity_key, event_time_ms) WHERE valid = 1 AND duplicate_of IS NULL;
CREATE INDEX webhook_inbox_type ON webhook_inbox (event_type, id);
CREATE INDEX webhook_inbox_directory ON webhook_inbox (directory_id, id);
`,
};
