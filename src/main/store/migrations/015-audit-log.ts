/**
 * Version 15: the team server's audit log. Who viewed which user or group, who exported what,
 * who changed settings or keys, with the time and the client's address. Append-only: triggers
 * refuse every UPDATE and DELETE, so a row once written stays as written.
 */
import type { Migration } from './types.ts';

export const migration015: Migration = {
  version: 15,
  name: 'audit log',
  up: `
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL,
  role           TEXT,
  client_address TEXT,
  action         TEXT NOT NULL,
  target         TEXT,
  outcome        TEXT NOT NULL,
  details_json   TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_target ON audit_log (target, id) WHERE target IS NOT NULL;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
