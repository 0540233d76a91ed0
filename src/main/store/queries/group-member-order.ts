/**
 * A group's members in list order, remembered between the pages of one scroll. A page of a
 * group's members is driven from the group (user-list-plan.ts): every page reads all its members'
 * sort keys and sorts them to keep 101, 11-14 ms for a 4,870-member group at 1M users. Scrolling
 * asks for the same order again and again, so it is read once per order and group and kept
 * until another connection commits (remember-until-changed.ts); the next pages then read only
 * their own 101 rows.
 *
 * The order comes from SQL (ORDER BY key, id), and a cursor is found by the id of the row it
 * names, never by comparing keys in JavaScript (which orders strings by UTF-16 units, not
 * SQLite's bytes). A cursor naming a row that is not where it says (written before the data
 * changed) is answered by SQL as before.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { joinSql, sql } from '../sql.ts';
import { rememberUntilChanged } from './remember-until-changed.ts';
import type { UserPlan } from './user-list-plan.ts';

/** Orders kept per connection: the groups someone is scrolling, not every group ever opened. */
const KEPT_ORDERS = 4;

export interface MemberOrder {
  /** Sort key (sort name or updated time) of each member, in order (ties by id). */
  keys: string[];
  seqs: number[];
  /** Member id → its position. */
  positionOf: Map<string, number>;
}

/**
 * The group's members in order, kept until the data changes, read by `plan`: the group drive
 * that `planUserList` chose for the group with no other filter. `null` on a connection that
 * writes: nothing could be kept there, and reading the whole order for one page costs what the
 * SQL drive does.
 */
export function groupMemberOrder(
  db: ReadableDB,
  profileId: string,
  groupId: string,
  plan: UserPlan,
  sortByName: boolean,
): MemberOrder | null {
  if (!db.readonly) return null;
  const read = (): MemberOrder => {
    const key = sortByName ? sql`u.sort_name` : sql`u.updated_at`;
    const rows = queryAll<{ k: string; id: string; seq: number }>(
      db,
      sql`SELECT ${key} AS k, u.id, u.seq FROM ${plan.from} WHERE ${joinSql(plan.where, ' AND ')}
          ORDER BY ${key}, u.id`,
    );
    const order: MemberOrder = { keys: [], seqs: [], positionOf: new Map() };
    rows.forEach((r, i) => {
      order.keys.push(r.k);
      order.seqs.push(r.seq);
      order.positionOf.set(r.id, i);
    });
    return order;
  };
  const cacheKey = `${profileId}\u0000${groupId}\u0000${sortByName ? 'name' : 'updated'}`;
  return rememberUntilChanged(db, 'group-member-order', cacheKey, read, KEPT_ORDERS);
}

/**
 * The seqs of up to `count` members after the cursor's row (`[key, id]`, or none for the first
 * page), ascending or descending; `null` when the cursor's row is not in the order as named.
 */
export function seqsAfter(
  order: MemberOrder,
  after: readonly [string, string] | null,
  ascending: boolean,
  count: number,
): number[] | null {
  let start: number;
  if (after === null) start = ascending ? 0 : order.seqs.length - 1;
  else {
    const at = order.positionOf.get(after[1]);
    if (at === undefined || order.keys[at] !== after[0]) return null;
    start = ascending ? at + 1 : at - 1;
  }
  const end = ascending ? Math.min(order.seqs.length, start + count) : Math.max(-1, start - count);
  const seqs: number[] = [];
  for (let i = start; ascending ? i < end : i > end; i += ascending ? 1 : -1) seqs.push(order.seqs[i]!);
  return seqs;
}
