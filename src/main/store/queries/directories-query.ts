/**
 * Directories with their health: counts, sync status, and a verdict with reasons a support
 * engineer can act on ("invalid_credentials since Friday", "last sync failed: …").
 */
import type { HealthSummary } from '../../../shared/api.ts';
import type { DirectorySummary } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { DirectoryRow } from '../rows.ts';
import { sql } from '../sql.ts';

const STALE_AFTER_MS = 48 * 3600_000;
const BROKEN_STATES = new Set(['invalid_credentials', 'unlinked', 'deleting']);

export function judgeDirectory(row: DirectoryRow, now: number): Pick<DirectorySummary, 'verdict' | 'reasons'> {
  const critical: string[] = [];
  const warning: string[] = [];
  if (BROKEN_STATES.has(row.state))
    critical.push(`Directory is ${row.state} since ${row.state_since}; no new data arrives.`);
  if (row.state === 'validating') warning.push(`Directory is still validating (since ${row.state_since}).`);
  if (row.last_sync_status === 'failed') critical.push(`Last sync failed: ${row.last_sync_error ?? 'unknown error'}`);
  if (row.last_full_sync_at === null) warning.push('Never fully synced yet.');
  else if (now - Date.parse(row.last_full_sync_at) > STALE_AFTER_MS)
    warning.push(`Last full sync was ${row.last_full_sync_at}.`);
  if (critical.length > 0) return { verdict: 'critical', reasons: [...critical, ...warning] };
  if (warning.length > 0) return { verdict: 'warning', reasons: warning };
  return { verdict: 'healthy', reasons: [] };
}

function toSummary(
  db: ReadableDB,
  row: DirectoryRow,
  counts: Map<string, { active: number; inactive: number }>,
  groups: Map<string, number>,
  now: number,
): DirectorySummary {
  const c = counts.get(row.id) ?? { active: 0, inactive: 0 };
  const since = new Date(now - 24 * 3600_000).toISOString();
  const changes = queryOne<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM changes WHERE profile_id = ${row.profile_id} AND directory_id = ${row.id} AND at >= ${since} AND baseline = 0`,
  )!.n;
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    type: row.type,
    state: row.state,
    stateSince: row.state_since,
    domain: row.domain,
    users: c.active + c.inactive,
    activeUsers: c.active,
    inactiveUsers: c.inactive,
    groups: groups.get(row.id) ?? 0,
    lastFullSyncAt: row.last_full_sync_at,
    lastSyncStatus: row.last_sync_status,
    lastSyncError: row.last_sync_error,
    membershipStrategy: row.membership_strategy,
    changesLast24h: changes,
    ...judgeDirectory(row, now),
  };
}

function userCounts(db: ReadableDB, profileId: string): Map<string, { active: number; inactive: number }> {
  const counts = new Map<string, { active: number; inactive: number }>();
  for (const r of queryAll<{ directory_id: string; active: number; n: number }>(
    db,
    sql`SELECT directory_id, state = 'active' AS active, count(*) AS n FROM users WHERE profile_id = ${profileId} GROUP BY directory_id, state = 'active'`,
  )) {
    const c = counts.get(r.directory_id) ?? { active: 0, inactive: 0 };
    if (r.active === 1) c.active += r.n;
    else c.inactive += r.n;
    counts.set(r.directory_id, c);
  }
  return counts;
}

function groupCounts(db: ReadableDB, profileId: string): Map<string, number> {
  return new Map(
    queryAll<{ directory_id: string; n: number }>(
      db,
      sql`SELECT directory_id, count(*) AS n FROM groups WHERE profile_id = ${profileId} GROUP BY directory_id`,
    ).map((r) => [r.directory_id, r.n]),
  );
}

export function listDirectorySummaries(
  db: ReadableDB,
  profileId: string,
  search?: string,
  now = Date.now(),
): DirectorySummary[] {
  const rows = queryAll<DirectoryRow>(
    db,
    sql`SELECT * FROM directories WHERE profile_id = ${profileId} ORDER BY name, id`,
  );
  const needle = search?.trim().toLocaleLowerCase();
  const wanted = needle
    ? rows.filter((r) =>
        `${r.name} ${r.domain ?? ''} ${r.id} ${r.organization_id}`.toLocaleLowerCase().includes(needle),
      )
    : rows;
  const counts = userCounts(db, profileId);
  const groups = groupCounts(db, profileId);
  return wanted.map((r) => toSummary(db, r, counts, groups, now));
}

export function getDirectorySummary(
  db: ReadableDB,
  profileId: string,
  directoryId: string,
  now = Date.now(),
): DirectorySummary | null {
  const row = queryOne<DirectoryRow>(
    db,
    sql`SELECT * FROM directories WHERE profile_id = ${profileId} AND id = ${directoryId}`,
  );
  if (!row) return null;
  return toSummary(db, row, userCounts(db, profileId), groupCounts(db, profileId), now);
}

export function healthSummary(db: ReadableDB, profileId: string, now = Date.now()): HealthSummary {
  const dirs = listDirectorySummaries(db, profileId, undefined, now);
  const byVerdict = { healthy: 0, warning: 0, critical: 0, unknown: 0 };
  for (const d of dirs) byVerdict[d.verdict]++;
  const last =
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT max(finished_at) AS at FROM sync_runs WHERE profile_id = ${profileId} AND status IN ('succeeded', 'partial')`,
    )?.at ?? null;
  return {
    directories: dirs.length,
    byVerdict,
    users: dirs.reduce((n, d) => n + d.users, 0),
    groups: dirs.reduce((n, d) => n + d.groups, 0),
    lastSyncAt: last,
    source: dirs.length > 0 || last !== null ? 'cache' : 'none',
  };
}
