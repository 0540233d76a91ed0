/**
 * A group's members in list order, remembered between the pages of one scroll. A page of a
 * group's members is driven from the group (user-list-plan.ts): every page reads all its members'
 * sort keys and sorts them to keep 101, 11-14 ms for a 4,870-member group at 1M users. Scrolling
 * asks for the same order again and again, so it is read once per order and group, and kept
 * until another connection commits (`PRAGMA data_version`, as for the directory counts); the
 * next pages then read only their own 101 rows.
 *
 * The order comes from SQL (ORDER BY key, id), and a cursor is found by the id of the row it
 * names, never by comparing keys in JavaScript (which orders strings by UTF-16 units, not
 * SQLite's bytes). A cursor naming a row that is not where it says (written before the data
 * changed) is answered by SQL as before.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { sql } from '../sql.ts';

/** Orders kept per connection: the groups someone is scrolling, not every group ever opened. */
const KEPT_ORDERS = 4;

export interface MemberOrder {
  /** Sort key (sort name or updated time) and id of each member, ascending. */
  keys: string[];
  ids: string[];
  seqs: number[];
  /** Member id → its position. */
  positionOf: Map<string, number>;
}

interface Kept {
  dataVersion: number;
  order: MemberOrder;
}

const kept = new WeakMap<ReadableDB, Map<string, Kept>>();

function readOrder(db: ReadableDB, profileId: string, groupId: string, sortByName: boolean): MemberOrder {
  const key = sortByName ? sql`u.sort_name` : sql`u.updated_at`;
  const rows = queryAll<{ k: string; id: string; seq: number }>(
    db,
    sql`SELECT ${key} AS k, u.id, u.seq
        FROM memberships m CROSS JOIN users u2 ON u2.profile_id = m.profile_id AND u2.id = m.user_id
        CROSS JOIN users u INDEXED BY users_sort_keys_by_seq ON u.seq = u2.seq
        WHERE m.profile_id = ${profileId} AND m.group_id = ${groupId} AND u.profile_id = ${profileId}
        ORDER BY ${key}, u.id`,
  );
  const order: MemberOrder = { keys: [], ids: [], seqs: [], positionOf: new Map() };
  rows.forEach((r, i) => {
    order.keys.push(r.k);
    order.ids.push(r.id);
    order.seqs.push(r.seq);
    order.positionOf.set(r.id, i);
  });
  return order;
}

/**
 * The group's members in order, kept until the data changes; `null` on a connection that
 * writes (it does not see its own commits in `data_version`, so nothing is kept for it).
 */
export function groupMemberOrder(
  db: ReadableDB,
  profileId: string,
  groupId: string,
  sortByName: boolean,
): MemberOrder | null {
  if (!db.readonly) return null;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  let byKey = kept.get(db);
  if (!byKey) {
    byKey = new Map();
    kept.set(db, byKey);
  }
  const cacheKey = `${profileId}\u0000${groupId}\u0000${sortByName ? 'name' : 'updated'}`;
  const hit = byKey.get(cacheKey);
  byKey.delete(cacheKey); // re-inserted last: the map's order is the order of use
  if (hit && hit.dataVersion === dataVersion) {
    byKey.set(cacheKey, hit);
    return hit.order;
  }
  const order = readOrder(db, profileId, groupId, sortByName);
  byKey.set(cacheKey, { dataVersion, order });
  for (const oldest of byKey.keys()) {
    if (byKey.size <= KEPT_ORDERS) break;
    byKey.delete(oldest);
  }
  return order;
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
