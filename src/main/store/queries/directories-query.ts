/**
 * Directories with their health: counts, sync status, and a verdict with reasons a support
 * engineer can act on (see directory-health.ts).
 */
import type { HealthSummary } from '../../../shared/api.ts';
import type { DirectorySummary } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { inReadSnapshot, queryAll, queryOne } from '../exec.ts';
import type { DirectoryRow } from '../rows.ts';
import { sql } from '../sql.ts';
import { judgeDirectory } from './directory-health.ts';
import {
  changesSince,
  groupCountOfDirectory,
  groupCountsByDirectory,
  userCountsByDirectory,
  userCountsOfDirectory,
  type UserCounts,
} from './directory-counts.ts';

const DAY_MS = 24 * 3600_000;

function toSummary(
  row: DirectoryRow,
  users: UserCounts,
  groups: number,
  changesLast24h: number,
  now: number,
): DirectorySummary {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    type: row.type,
    state: row.state,
    stateSince: row.state_since,
    domain: row.domain,
    users: users.active + users.inactive,
    activeUsers: users.active,
    inactiveUsers: users.inactive,
    groups,
    lastFullSyncAt: row.last_full_sync_at,
    lastSyncStatus: row.last_sync_status,
    lastSyncError: row.last_sync_error,
    membershipStrategy: row.membership_strategy,
    changesLast24h,
    ...judgeDirectory(row, now),
  };
}

function directoryRows(db: ReadableDB, profileId: string): DirectoryRow[] {
  return queryAll<DirectoryRow>(db, sql`SELECT * FROM directories WHERE profile_id = ${profileId} ORDER BY name, id`);
}

export function listDirectorySummaries(
  db: ReadableDB,
  profileId: string,
  search?: string,
  now = Date.now(),
): DirectorySummary[] {
  const rows = directoryRows(db, profileId);
  const needle = search?.trim().toLocaleLowerCase();
  const wanted = needle
    ? rows.filter((r) =>
        `${r.name} ${r.domain ?? ''} ${r.id} ${r.organization_id}`.toLocaleLowerCase().includes(needle),
      )
    : rows;
  const users = userCountsByDirectory(db, profileId);
  const groups = groupCountsByDirectory(db, profileId);
  const since = new Date(now - DAY_MS).toISOString();
  return wanted.map((r) =>
    toSummary(
      r,
      users.get(r.id) ?? { active: 0, inactive: 0 },
      groups.get(r.id) ?? 0,
      changesSince(db, profileId, r.id, since),
      now,
    ),
  );
}

/** One directory: its own counts only, never the whole profile's. */
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
  return toSummary(
    row,
    userCountsOfDirectory(db, profileId, directoryId),
    groupCountOfDirectory(db, profileId, directoryId),
    changesSince(db, profileId, directoryId, new Date(now - DAY_MS).toISOString()),
    now,
  );
}

/**
 * The verdicts and totals; needs no change counts, so it reads no change log at all. Its reads
 * share one snapshot: the totals add up over the directories it judged.
 */
export function healthSummary(db: ReadableDB, profileId: string, now = Date.now()): HealthSummary {
  return inReadSnapshot(db, () => summaryOf(db, profileId, now));
}

function summaryOf(db: ReadableDB, profileId: string, now: number): HealthSummary {
  const rows = directoryRows(db, profileId);
  const users = userCountsByDirectory(db, profileId);
  const groups = groupCountsByDirectory(db, profileId);
  const byVerdict = { healthy: 0, warning: 0, critical: 0, unknown: 0 };
  for (const r of rows) byVerdict[judgeDirectory(r, now).verdict]++;
  const last =
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT max(finished_at) AS at FROM sync_runs WHERE profile_id = ${profileId} AND status IN ('succeeded', 'partial')`,
    )?.at ?? null;
  let userTotal = 0;
  for (const r of rows) {
    const c = users.get(r.id);
    if (c) userTotal += c.active + c.inactive;
  }
  return {
    directories: rows.length,
    byVerdict,
    users: userTotal,
    groups: rows.reduce((n, r) => n + (groups.get(r.id) ?? 0), 0),
    lastSyncAt: last,
    source: rows.length > 0 || last !== null ? 'cache' : 'none',
  };
}
