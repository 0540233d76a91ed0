/**
 * Figures a read-only connection computes once and reuses until the database changes. `PRAGMA
 * data_version` changes whenever another connection (the sync engine's writer, a sync worker,
 * the webhook applier) commits, so a remembered value is never older than the data a query on
 * this connection would see. A connection that writes itself (an in-memory cache, where reader
 * and writer are one) does not see its own commits in `data_version`, so nothing is remembered
 * for it.
 */
import type { ReadableDB } from '../db-types.ts';

interface Remembered {
  dataVersion: number;
  value: unknown;
}

/** Per connection, per namespace: key → value, in order of last use. */
const remembered = new WeakMap<ReadableDB, Map<string, Map<string, Remembered>>>();

/**
 * `compute()` once per key until the database changes; every call on a writing connection.
 * With `keep`, the namespace holds at most that many keys, the least recently used going first.
 */
export function rememberUntilChanged<T>(
  db: ReadableDB,
  namespace: string,
  key: string,
  compute: () => T,
  keep = Number.POSITIVE_INFINITY,
): T {
  if (!db.readonly) return compute();
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  let namespaces = remembered.get(db);
  if (!namespaces) {
    namespaces = new Map();
    remembered.set(db, namespaces);
  }
  let byKey = namespaces.get(namespace);
  if (!byKey) {
    byKey = new Map();
    namespaces.set(namespace, byKey);
  }
  const hit = byKey.get(key);
  byKey.delete(key); // set again below: the map's order is the order of use
  if (hit && hit.dataVersion === dataVersion) {
    byKey.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  byKey.set(key, { dataVersion, value });
  for (const oldest of byKey.keys()) {
    if (byKey.size <= keep) break;
    byKey.delete(oldest);
  }
  return value;
}
