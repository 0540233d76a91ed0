/**
 * The cache: one writer connection (sync engine) and one read-only connection (UI queries)
 * on the same WAL file. Opening recovers from a crash: runs left "running" are marked failed
 * (their staged pages lived in TEMP tables and died with the process), so the last complete state is what everyone sees.
 */
import { join } from 'node:path';
import { openReadableDatabase, openWritableDatabase } from './connection.ts';
import type { ReadableDB, WritableDB } from './db-types.ts';
import type { MigrationResult, MigrationStart } from './migrate.ts';
import { createStagingTables } from './staging.ts';
import { failAbandonedRuns } from './sync-runs.ts';

export const CACHE_FILE_NAME = 'cache.sqlite';

export interface Store {
  readonly path: string;
  readonly writer: WritableDB;
  readonly reader: ReadableDB;
  readonly migration: MigrationResult;
  close(): void;
}

export interface OpenStoreOptions {
  isDataDir?: boolean;
  /**
   * Mark runs left "running" as failed (crash recovery). Only the core's own open does this;
   * a sync worker's extra connection must not fail the runs of other profiles.
   */
  recover?: boolean;
  /** Called before an older cache file is copied aside and migrated (minutes on a large cache). */
  onMigrationStart?: (start: MigrationStart) => void;
}

export function openStore(pathOrDataDir: string, options: OpenStoreOptions = {}): Store {
  const path = options.isDataDir ? join(pathOrDataDir, CACHE_FILE_NAME) : pathOrDataDir;
  const { db: writer, migration } = openWritableDatabase(path, undefined, options.onMigrationStart);
  if (options.recover !== false) failAbandonedRuns(writer, new Date().toISOString());
  createStagingTables(writer);
  // An in-memory database cannot be shared with a second connection.
  const reader = path === ':memory:' ? (writer as ReadableDB) : openReadableDatabase(path);
  let closed = false;
  return {
    path,
    writer,
    reader,
    migration,
    close() {
      if (closed) return;
      closed = true;
      if (reader !== writer) reader.close();
      writer.close();
    },
  };
}
