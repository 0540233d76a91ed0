/**
 * How a walk reads the Users list (user-list-plan.ts chooses walks): the sort order's index
 * from the cursor, a bounded number of entries per page, with the search tested on the entries
 * themselves when the index holds the search text.
 */
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import type { UserFilters } from './user-list-plan.ts';

/** Index entries a walk reads for one page before it gives up and drives instead. */
export const WALK_BUDGET = 20_000;

/**
 * Entries a walk that tests the search on index entries reads first. A walk is chosen when at
 * least ENTRY_WALK_DRIVE_BELOW (5,000) users match, so spread evenly over 1M users at least ten
 * would match here. None means the matches cluster further on in name order (a first name,
 * "Jean-Baptiste": all 6,400 at J), and the page is driven at once instead of after testing the
 * whole budget (20,000 entries, 26 ms warm at 1M). When some match, the walk goes on: a rate
 * projected from a few matches misjudged substrings spread thinly ("wojcie", whose walk fills
 * its page within the budget and reads 10 MB cold where a drive reads 38 MB).
 */
export const PROBE_BUDGET = 2_000;

/**
 * A state filter without a directory, in name order: `users_by_state_name` holds exactly those
 * users in that order, so a walk of it reads the page and no more, broad state or narrow.
 */
export function walksByState(f: UserFilters, sortByName: boolean): boolean {
  return sortByName && f.state !== undefined && !f.directoryId;
}

/**
 * A walk of `users_by_name` (name order, no directory or state filter): its entries hold the
 * search text, so the search is tested there and only matching users' rows are read.
 */
export function walkTestsEntries(f: UserFilters, sortByName: boolean): boolean {
  return sortByName && !f.directoryId && f.state === undefined;
}

export function orderIndex(f: UserFilters, sortByName: boolean): SqlFragment {
  if (walksByState(f, sortByName)) return sql`users_by_state_name`;
  if (sortByName) return f.directoryId ? sql`users_by_directory_name` : sql`users_by_name`;
  return sql`users_by_updated`;
}

/**
 * The rows a walk reads: the sort order's index from the cursor, at most WALK_BUDGET entries
 * (index only: seq and the sort key). A page that is not full by then is read by driving.
 * With `entryTest` (a test on `w.search_text`), only the entries that pass it come out; the
 * budget still counts entries read.
 */
export function walkedRows(
  f: UserFilters,
  sortByName: boolean,
  after: SqlFragment | null,
  direction: SqlFragment,
  budget: number | null,
  entryTest: SqlFragment | null = null,
): SqlFragment {
  const sortColumn = sortByName ? sql`sort_name` : sql`updated_at`;
  const where: SqlFragment[] = [sql`profile_id = ${f.profileId}`];
  if (f.directoryId && sortByName) where.push(sql`directory_id = ${f.directoryId}`);
  if (walksByState(f, sortByName)) where.push(sql`state = ${f.state!}`);
  // Membership is tested on the index entry (it holds the user id), so non-members cost no
  // row read; the budget then counts members.
  if (f.groupId)
    where.push(
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = users.profile_id AND m.group_id = ${f.groupId} AND m.user_id = users.id)`,
    );
  if (after) where.push(after);
  const walk = sql`SELECT seq${entryTest ? sql`, search_text, sort_name` : sql``} FROM users INDEXED BY ${orderIndex(f, sortByName)}
                   WHERE ${joinSql(where, ' AND ')}
                   ORDER BY ${sortColumn} ${direction}, id ${direction} ${budget === null ? sql`` : sql`LIMIT ${budget}`}`;
  return entryTest ? sql`SELECT w.seq FROM (${walk}) w WHERE ${entryTest}` : walk;
}
