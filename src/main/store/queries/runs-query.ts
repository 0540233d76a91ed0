/**
 * Sync runs as the Changes screen lists them — which directories each touched and how many
 * change rows it logged there — and the newest stretch of history that has changes.
 * Both read `changes_by_run` (migration 13) and `changes_by_directory`, never the whole log.
 */
import type { LatestChanges, SyncRun } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import { sql } from '../sql.ts';
import { getSyncRun, toSyncRun } from '../sync-runs.ts';
import { directoriesById } from './name-batch.ts';

/** The directories each run wrote history to, with its change rows per directory. */
export function withRunDirectories(db: ReadableDB, profileId: string, runs: SyncRun[]): SyncRun[] {
  if (runs.length === 0) return runs;
  const rows = queryAll<{ run_id: string; directory_id: string; n: number }>(
    db,
    sql`SELECT run_id, directory_id, count(*) AS n FROM changes
        WHERE run_id IN (SELECT value FROM json_each(${JSON.stringify(runs.map((r) => r.id))}))
          AND run_id IS NOT NULL AND baseline = 0
        GROUP BY run_id, directory_id`,
  );
  const names = directoriesById(
    db,
    profileId,
    rows.map((r) => r.directory_id),
  );
  const byRun = new Map<string, NonNullable<SyncRun['directories']>>();
  for (const r of rows) {
    const list = byRun.get(r.run_id) ?? [];
    list.push({ id: r.directory_id, name: names.get(r.directory_id)?.name ?? null, changes: r.n });
    byRun.set(r.run_id, list);
  }
  return runs.map((run) => ({
    ...run,
    directories: (byRun.get(run.id) ?? []).sort(
      (a, b) => b.changes - a.changes || (a.name ?? a.id).localeCompare(b.name ?? b.id),
    ),
  }));
}

interface Newest {
  at: string;
  seq: number;
  run_id: string | null;
  source: 'full_sync' | 'events' | 'webhook';
}

/**
 * The newest change (outside first snapshots), its sync run, and an interval from just before
 * that run's first change to its end: the Changes screen opens on it, so it never opens on
 * "nothing changed" while the log has changes. One indexed lookup per directory.
 */
export function latestChanges(db: ReadableDB, profileId: string, directoryId: string | undefined): LatestChanges {
  const dirs = directoryId
    ? [directoryId]
    : queryAll<{ id: string }>(db, sql`SELECT id FROM directories WHERE profile_id = ${profileId}`).map((d) => d.id);
  let newest: Newest | undefined;
  for (const dir of dirs) {
    const row = queryOne<Newest>(
      db,
      sql`SELECT at, seq, run_id, source FROM changes
          WHERE profile_id = ${profileId} AND directory_id = ${dir} AND baseline = 0
          ORDER BY at DESC LIMIT 1`,
    );
    if (row && (!newest || row.at > newest.at || (row.at === newest.at && row.seq > newest.seq))) newest = row;
  }
  if (!newest) return { interval: null };
  const runRow = newest.run_id ? getSyncRun(db, newest.run_id) : undefined;
  let first = newest.at;
  if (runRow) {
    const min = queryOne<{ at: string | null }>(
      db,
      sql`SELECT min(at) AS at FROM changes WHERE run_id = ${runRow.id} AND run_id IS NOT NULL AND baseline = 0
            ${directoryId ? sql`AND directory_id = ${directoryId}` : sql``}`,
    )?.at;
    if (min && min < first) first = min;
  }
  const to = runRow?.finished_at && runRow.finished_at > newest.at ? runRow.finished_at : newest.at;
  const run = runRow ? withRunDirectories(db, profileId, [toSyncRun(runRow)])[0]! : null;
  return {
    interval: {
      from: new Date(Date.parse(first) - 1).toISOString(),
      to,
      run,
      source: newest.source,
      lastChangeAt: newest.at,
    },
  };
}
