/**
 * Per-connection TEMP tables holding a full sync's pages until a directory is complete.
 * They live outside the main database file, so staging costs no fsync and vanishes with the
 * process if it dies mid-sync.
 */
import type { WritableDB } from './db-types.ts';

export function createStagingTables(db: WritableDB): void {
  db.exec(`
CREATE TEMP TABLE IF NOT EXISTS stage_users (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, id)
) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stage_groups (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, id)
) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stage_memberships (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, group_id TEXT NOT NULL, user_id TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, group_id, user_id)
) WITHOUT ROWID;
`);
}
