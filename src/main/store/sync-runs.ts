/** Sync run bookkeeping: one row per run, one per directory within it. */
import type { SyncRun } from '../../shared/api/sync.ts';
import type { ReadableDB, WritableDB } from './db-types.ts';
import { execute, queryAll, queryOne } from './exec.ts';
import { sql } from './sql.ts';

export type SyncRunKind = 'full' | 'events' | 'reconcile';
export type SyncRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
export type DirectoryRunStatus = 'running' | 'succeeded' | 'failed' | 'removed' | 'cancelled';

export interface SyncRunRow {
  id: string;
  profile_id: string;
  kind: SyncRunKind;
  status: SyncRunStatus;
  reason: string | null;
  directory_id: string | null;
  started_at: string;
  finished_at: string | null;
  requests: number;
  rate_limit_wait_ms: number;
  retries: number;
  changes: number;
  error: string | null;
  /** JSON array of warning sentences, or NULL (migration 14). */
  warnings_json: string | null;
}

export interface SyncRunDirectoryRow {
  run_id: string;
  directory_id: string;
  status: DirectoryRunStatus;
  users: number;
  groups: number;
  memberships: number;
  changes: number;
  strategy: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface SyncRunStart {
  id: string;
  profileId: string;
  kind: SyncRunKind;
  reason: string | null;
  directoryId: string | null;
  startedAt: string;
}

export function insertSyncRun(db: WritableDB, run: SyncRunStart): void {
  execute(
    db,
    sql`INSERT INTO sync_runs (id, profile_id, kind, status, reason, directory_id, started_at)
        VALUES (${run.id}, ${run.profileId}, ${run.kind}, 'running', ${run.reason}, ${run.directoryId}, ${run.startedAt})`,
  );
}

export function finishSyncRun(
  db: WritableDB,
  id: string,
  result: {
    status: SyncRunStatus;
    finishedAt: string;
    requests: number;
    rateLimitWaitMs: number;
    retries: number;
    changes: number;
    error: string | null;
    warnings?: readonly string[];
  },
): void {
  execute(
    db,
    sql`UPDATE sync_runs SET status = ${result.status}, finished_at = ${result.finishedAt}, requests = ${result.requests},
          rate_limit_wait_ms = ${Math.round(result.rateLimitWaitMs)}, retries = ${result.retries}, changes = ${result.changes},
          error = ${result.error}
        WHERE id = ${id}`,
  );
  // Written only when there are some: a run without warnings touches nothing migration 14 added.
  if (result.warnings && result.warnings.length > 0)
    execute(db, sql`UPDATE sync_runs SET warnings_json = ${JSON.stringify(result.warnings)} WHERE id = ${id}`);
}

/** A run's warnings (a bad stored value reads as none). */
export function runWarnings(row: Pick<SyncRunRow, 'warnings_json'>): string[] {
  if (!row.warnings_json) return [];
  try {
    const parsed: unknown = JSON.parse(row.warnings_json);
    return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

/** A run as the API shows it. */
export function toSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    requests: row.requests,
    rateLimitWaitMs: row.rate_limit_wait_ms,
    retries: row.retries,
    changes: row.changes,
    error: row.error,
    warnings: runWarnings(row),
  };
}

/** Runs still marked running belong to a process that died: they failed. */
export function failAbandonedRuns(db: WritableDB, at: string): number {
  return execute(
    db,
    sql`UPDATE sync_runs SET status = 'failed', finished_at = ${at}, error = 'the process stopped before the run finished'
        WHERE status = 'running'`,
  ).changes;
}

export function upsertRunDirectory(
  db: WritableDB,
  row: Omit<SyncRunDirectoryRow, 'finished_at'> & { finished_at?: string | null },
): void {
  execute(
    db,
    sql`INSERT INTO sync_run_directories (run_id, directory_id, status, users, groups, memberships, changes, strategy, error, started_at, finished_at)
        VALUES (${row.run_id}, ${row.directory_id}, ${row.status}, ${row.users}, ${row.groups}, ${row.memberships}, ${row.changes},
                ${row.strategy}, ${row.error}, ${row.started_at}, ${row.finished_at ?? null})
        ON CONFLICT (run_id, directory_id) DO UPDATE SET status = excluded.status, users = excluded.users,
          groups = excluded.groups, memberships = excluded.memberships, changes = excluded.changes,
          strategy = excluded.strategy, error = excluded.error, finished_at = excluded.finished_at`,
  );
}

export function getSyncRun(db: ReadableDB, id: string): SyncRunRow | undefined {
  return queryOne<SyncRunRow>(db, sql`SELECT * FROM sync_runs WHERE id = ${id}`);
}

export function listSyncRuns(db: ReadableDB, profileId: string, limit: number): SyncRunRow[] {
  return queryAll<SyncRunRow>(
    db,
    sql`SELECT * FROM sync_runs WHERE profile_id = ${profileId} ORDER BY started_at DESC, id DESC LIMIT ${limit}`,
  );
}

export function lastSuccessfulFullRun(db: ReadableDB, profileId: string): SyncRunRow | undefined {
  return queryOne<SyncRunRow>(
    db,
    sql`SELECT * FROM sync_runs WHERE profile_id = ${profileId} AND kind IN ('full', 'reconcile')
          AND status IN ('succeeded', 'partial') ORDER BY finished_at DESC LIMIT 1`,
  );
}
