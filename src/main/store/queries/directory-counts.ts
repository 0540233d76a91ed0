/**
 * Per-directory figures for the Directories screen and the health summary: users by state,
 * groups, and changes of the last 24 hours. Each one reads a kept count or an index range only
 * (never the rows), and the profile-wide counts are remembered until another connection commits, so the
 * first screen's two calls (directory list and health summary) count a large cache once.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import { sql } from '../sql.ts';
import { rememberUntilChanged } from './remember-until-changed.ts';

export interface UserCounts {
  active: number;
  inactive: number;
}

function addState(counts: Map<string, UserCounts>, directoryId: string, state: string, n: number): void {
  const c = counts.get(directoryId) ?? { active: 0, inactive: 0 };
  if (state === 'active') c.active += n;
  else c.inactive += n;
  counts.set(directoryId, c);
}

/**
 * Users per directory, active and not: one row per directory and state of
 * `directory_user_counts`, kept by triggers on `users` (migration 19), instead of counting every
 * user of the profile (320 ms cold at 1M users).
 */
export function userCountsByDirectory(db: ReadableDB, profileId: string): Map<string, UserCounts> {
  return rememberUntilChanged(db, 'directory-counts', `users:${profileId}`, () => {
    const counts = new Map<string, UserCounts>();
    for (const r of queryAll<{ directory_id: string; state: string; n: number }>(
      db,
      sql`SELECT directory_id, state, users AS n FROM directory_user_counts WHERE profile_id = ${profileId} AND users > 0`,
    ))
      addState(counts, r.directory_id, r.state, r.n);
    return counts;
  });
}

/** Users of the profile, or of one of its directories: a sum over the kept counts (≤ a few rows per directory). */
export function userTotal(db: ReadableDB, profileId: string, directoryId?: string): number {
  const inDirectory = directoryId === undefined ? sql`` : sql` AND directory_id = ${directoryId}`;
  return queryOne<{ n: number }>(
    db,
    sql`SELECT coalesce(sum(users), 0) AS n FROM directory_user_counts WHERE profile_id = ${profileId}${inDirectory}`,
  )!.n;
}

export function userCountsOfDirectory(db: ReadableDB, profileId: string, directoryId: string): UserCounts {
  const counts = new Map<string, UserCounts>();
  for (const r of queryAll<{ state: string; n: number }>(
    db,
    sql`SELECT state, users AS n FROM directory_user_counts
        WHERE profile_id = ${profileId} AND directory_id = ${directoryId} AND users > 0`,
  ))
    addState(counts, directoryId, r.state, r.n);
  return counts.get(directoryId) ?? { active: 0, inactive: 0 };
}

export function groupCountsByDirectory(db: ReadableDB, profileId: string): Map<string, number> {
  return rememberUntilChanged(
    db,
    'directory-counts',
    `groups:${profileId}`,
    () =>
      new Map(
        queryAll<{ directory_id: string; n: number }>(
          db,
          sql`SELECT directory_id, count(*) AS n FROM groups WHERE profile_id = ${profileId} GROUP BY directory_id`,
        ).map((r) => [r.directory_id, r.n]),
      ),
  );
}

export function groupCountOfDirectory(db: ReadableDB, profileId: string, directoryId: string): number {
  return queryOne<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM groups WHERE profile_id = ${profileId} AND directory_id = ${directoryId}`,
  )!.n;
}

/** Non-baseline changes of one directory since `since`: a range of `changes_by_directory`. */
export function changesSince(db: ReadableDB, profileId: string, directoryId: string, since: string): number {
  return queryOne<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM changes WHERE profile_id = ${profileId} AND directory_id = ${directoryId} AND at >= ${since} AND baseline = 0`,
  )!.n;
}
