/**
 * Names for the ids a page of history shows, looked up in batches: one query per table for the
 * whole page (by primary key or `tombstones_by_entity`), never one per row and never a scan.
 * An entity the cache no longer holds keeps the name of its last known record: its tombstone,
 * else the last change row that carried its record; it is then marked deleted.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryAll } from '../exec.ts';
import { displayName } from '../records.ts';
import { sql } from '../sql.ts';
import { parseJsonObject, userDisplayName } from './row-mappers.ts';

export interface NamedRef {
  id: string;
  /** Null when no record of the entity was ever cached (only its id is known). */
  name: string | null;
  /** Gone from WorkOS (the name is its last known one). */
  deleted: boolean;
}

export interface UserInfo extends NamedRef {
  email: string | null;
  state: string | null;
  directoryId: string | null;
}

export interface GroupInfo extends NamedRef {
  directoryId: string | null;
}

type Kind = 'user' | 'group' | 'directory';

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function userNameOf(id: string, r: Record<string, unknown>): string {
  return displayName({
    name: str(r.name),
    firstName: str(r.first_name),
    lastName: str(r.last_name),
    email: str(r.email),
    username: str(r.username),
    id,
  });
}

/** Ids as one JSON parameter: any number of them, one statement. */
const idsParam = (ids: readonly string[]): string => JSON.stringify([...new Set(ids)]);

/** Last known records of entities that are not (or no longer) in the current-state tables. */
function lastRecords(db: ReadableDB, profileId: string, ids: readonly string[]): Map<string, LastRecord> {
  const out = new Map<string, LastRecord>();
  if (ids.length === 0) return out;
  const tombs = queryAll<{
    entity_id: string;
    last_record_json: string;
    directory_id: string;
    restored_at: string | null;
  }>(
    db,
    sql`SELECT entity_id, last_record_json, directory_id, restored_at FROM tombstones
        WHERE profile_id = ${profileId} AND entity_id IN (SELECT value FROM json_each(${idsParam(ids)})) ORDER BY seq`,
  );
  for (const t of tombs) {
    out.set(t.entity_id, {
      record: parseJsonObject(t.last_record_json),
      directoryId: t.directory_id,
      deleted: t.restored_at === null,
    });
  }
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  // No tombstone: the newest change row that carried the record (created: after, deleted: before).
  const rows = queryAll<{ id: string; kind: string | null; json: string | null; directory_id: string | null }>(
    db,
    sql`SELECT ids.value AS id, c.kind, coalesce(c.after_json, c.before_json) AS json, c.directory_id
        FROM json_each(${idsParam(missing)}) ids
        JOIN changes c ON c.seq = (
          SELECT seq FROM changes WHERE profile_id = ${profileId} AND entity_id = ids.value
            AND entity_type <> 'membership' AND kind IN ('added', 'removed')
          ORDER BY at DESC LIMIT 1)`,
  );
  for (const r of rows) {
    if (r.json === null) continue;
    out.set(r.id, { record: parseJsonObject(r.json), directoryId: r.directory_id, deleted: r.kind === 'removed' });
  }
  return out;
}

type LastRecord = { record: Record<string, unknown>; directoryId: string | null; deleted: boolean };

/** Ids not found among the cached rows: named from their last record (tombstone or log), else unknown. */
function fillFromLastRecords<T>(
  db: ReadableDB,
  profileId: string,
  ids: readonly string[],
  out: Map<string, T>,
  fromLast: (id: string, last: LastRecord) => T,
  unknown: (id: string) => T,
): void {
  const missing = [...new Set(ids)].filter((id) => !out.has(id));
  const gone = lastRecords(db, profileId, missing);
  for (const id of missing) {
    const last = gone.get(id);
    out.set(id, last ? fromLast(id, last) : unknown(id));
  }
}

export function usersById(db: ReadableDB, profileId: string, ids: readonly string[]): Map<string, UserInfo> {
  const out = new Map<string, UserInfo>();
  if (ids.length === 0) return out;
  const rows = queryAll<{
    id: string;
    name: string | null;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    username: string | null;
    state: string;
    directory_id: string;
  }>(
    db,
    sql`SELECT id, name, first_name, last_name, email, username, state, directory_id FROM users
        WHERE profile_id = ${profileId} AND id IN (SELECT value FROM json_each(${idsParam(ids)}))`,
  );
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      name: userDisplayName(r),
      email: r.email,
      state: r.state,
      directoryId: r.directory_id,
      deleted: false,
    });
  }
  fillFromLastRecords(
    db,
    profileId,
    ids,
    out,
    (id, last) => ({
      id,
      name: userNameOf(id, last.record),
      email: str(last.record.email),
      state: str(last.record.state),
      directoryId: last.directoryId,
      deleted: true,
    }),
    (id) => ({ id, name: null, email: null, state: null, directoryId: null, deleted: false }),
  );
  return out;
}

function namedById(
  db: ReadableDB,
  profileId: string,
  kind: Exclude<Kind, 'user'>,
  ids: readonly string[],
): Map<string, GroupInfo> {
  const out = new Map<string, GroupInfo>();
  if (ids.length === 0) return out;
  const rows =
    kind === 'group'
      ? queryAll<{ id: string; name: string; directory_id: string | null }>(
          db,
          sql`SELECT id, name, directory_id FROM groups
              WHERE profile_id = ${profileId} AND id IN (SELECT value FROM json_each(${idsParam(ids)}))`,
        )
      : queryAll<{ id: string; name: string; directory_id: string | null }>(
          db,
          sql`SELECT id, name, id AS directory_id FROM directories
              WHERE profile_id = ${profileId} AND id IN (SELECT value FROM json_each(${idsParam(ids)}))`,
        );
  for (const r of rows) out.set(r.id, { id: r.id, name: r.name, directoryId: r.directory_id, deleted: false });
  fillFromLastRecords(
    db,
    profileId,
    ids,
    out,
    (id, last) => ({ id, name: str(last.record.name), directoryId: last.directoryId, deleted: true }),
    (id) => ({ id, name: null, directoryId: null, deleted: false }),
  );
  return out;
}

export const groupsById = (db: ReadableDB, profileId: string, ids: readonly string[]): Map<string, GroupInfo> =>
  namedById(db, profileId, 'group', ids);

export const directoriesById = (db: ReadableDB, profileId: string, ids: readonly string[]): Map<string, GroupInfo> =>
  namedById(db, profileId, 'directory', ids);

export const toRef = (info: NamedRef): NamedRef => ({ id: info.id, name: info.name, deleted: info.deleted });
