/**
 * Counting that stops early. A query plan without statistics cannot tell a five-member group
 * from a fifty-thousand-member one, so the list queries ask first — "are there fewer than N?"
 * costs at most N index entries — and pick the plan that fits.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryOne } from '../exec.ts';
import { sql, type SqlFragment } from '../sql.ts';

/** Rows of `select` (any SELECT), counted up to `cap`: the exact count when below it, else `cap`. */
export function countUpTo(db: ReadableDB, select: SqlFragment, cap: number): number {
  return queryOne<{ n: number }>(db, sql`SELECT count(*) AS n FROM (${select} LIMIT ${cap})`)!.n;
}

/** Members of a group, counted up to `cap` from the memberships primary key. */
export function groupMembersUpTo(db: ReadableDB, profileId: string, groupId: string, cap: number): number {
  return countUpTo(db, sql`SELECT 1 FROM memberships WHERE profile_id = ${profileId} AND group_id = ${groupId}`, cap);
}
