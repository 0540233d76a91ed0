/**
 * Per-directory state as comparable fingerprints: from the emulator's truth, from the cache,
 * and rebuilt from the change log alone. The kill test uses them to prove a directory is
 * exactly one complete snapshot (never a mix) and that the log still explains the state.
 */
import { createHash } from 'node:crypto';
import type { Truth } from '../../../src/emulator/index.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { ReadableDB } from '../../../src/main/store/db-types.ts';

export interface DirectoryState {
  users: Map<string, string>;
  groups: Map<string, string>;
  memberships: Set<string>;
}

export interface DirectoryFingerprint {
  hash: string;
  users: number;
  groups: number;
  memberships: number;
}

/** JSON with object keys sorted at every depth, so equal records give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function emptyState(): DirectoryState {
  return { users: new Map(), groups: new Map(), memberships: new Set() };
}

function stateFor(map: Map<string, DirectoryState>, directoryId: string): DirectoryState {
  let state = map.get(directoryId);
  if (!state) {
    state = emptyState();
    map.set(directoryId, state);
  }
  return state;
}

export function fingerprint(state: DirectoryState | undefined): DirectoryFingerprint {
  const s = state ?? emptyState();
  const hash = createHash('sha256');
  for (const [id, json] of [...s.users].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`u|${id}|${json}\n`);
  for (const [id, json] of [...s.groups].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`g|${id}|${json}\n`);
  for (const pair of [...s.memberships].sort()) hash.update(`m|${pair}\n`);
  return { hash: hash.digest('hex'), users: s.users.size, groups: s.groups.size, memberships: s.memberships.size };
}

export function truthByDirectory(truth: Truth): Map<string, DirectoryState> {
  const out = new Map<string, DirectoryState>();
  for (const d of truth.directories) stateFor(out, d.id);
  for (const u of truth.users) {
    const { groups: _deprecated, ...rest } = u;
    stateFor(out, u.directory_id).users.set(u.id, canonicalJson(rest));
  }
  for (const g of truth.groups) stateFor(out, g.directory_id).groups.set(g.id, canonicalJson(g));
  for (const m of truth.memberships) stateFor(out, m.directory_id).memberships.add(`${m.group_id}|${m.user_id}`);
  return out;
}

export function cacheByDirectory(db: ReadableDB, profileId: string): Map<string, DirectoryState> {
  const out = new Map<string, DirectoryState>();
  for (const d of queryAll<{ id: string }>(db, sql`SELECT id FROM directories WHERE profile_id = ${profileId}`)) {
    stateFor(out, d.id);
  }
  const users = queryAll<{ id: string; directory_id: string; raw_json: string }>(
    db,
    sql`SELECT id, directory_id, raw_json FROM users WHERE profile_id = ${profileId}`,
  );
  for (const u of users) stateFor(out, u.directory_id).users.set(u.id, canonicalJson(JSON.parse(u.raw_json)));
  const groups = queryAll<{ id: string; directory_id: string; raw_json: string }>(
    db,
    sql`SELECT id, directory_id, raw_json FROM groups WHERE profile_id = ${profileId}`,
  );
  for (const g of groups) stateFor(out, g.directory_id).groups.set(g.id, canonicalJson(JSON.parse(g.raw_json)));
  const memberships = queryAll<{ directory_id: string; group_id: string; user_id: string }>(
    db,
    sql`SELECT directory_id, group_id, user_id FROM memberships WHERE profile_id = ${profileId}`,
  );
  for (const m of memberships) stateFor(out, m.directory_id).memberships.add(`${m.group_id}|${m.user_id}`);
  return out;
}

export interface PresenceSets {
  users: Set<string>;
  groups: Set<string>;
  memberships: Set<string>;
}

/**
 * Which users, groups and memberships exist per directory according to the change log
 * (added/removed entries replayed in order). If an entry were lost, this would disagree with
 * the tables. A directory's first snapshot logs its users and groups but no row per membership
 * (they are implied from it), so a pair starts present when its first logged change removes
 * it, and a cached pair the log never mentions counts only if it dates from that first snapshot
 * (`since` equals the time of the directory's baseline rows).
 */
export function replayPresence(db: ReadableDB, profileId: string): Map<string, PresenceSets> {
  const out = new Map<string, PresenceSets>();
  const setsOf = (directoryId: string): PresenceSets => {
    let sets = out.get(directoryId);
    if (!sets) out.set(directoryId, (sets = { users: new Set(), groups: new Set(), memberships: new Set() }));
    return sets;
  };
  const rows = queryAll<{
    directory_id: string;
    entity_type: string;
    entity_id: string;
    kind: string;
    group_id: string | null;
    user_id: string | null;
  }>(
    db,
    sql`SELECT directory_id, entity_type, entity_id, kind, group_id, user_id FROM changes
        WHERE profile_id = ${profileId} AND kind IN ('added', 'removed') AND entity_type != 'directory'
        ORDER BY seq`,
  );
  const pairKey = (r: { group_id: string | null; user_id: string | null }) => `${r.group_id}|${r.user_id}`;
  const logged = new Set<string>();
  for (const r of rows) {
    if (r.entity_type !== 'membership' || logged.has(pairKey(r))) continue;
    logged.add(pairKey(r));
    if (r.kind === 'removed') setsOf(r.directory_id).memberships.add(pairKey(r));
  }
  for (const r of rows) {
    const sets = setsOf(r.directory_id);
    const key = r.entity_type === 'membership' ? pairKey(r) : r.entity_id;
    const target = r.entity_type === 'user' ? sets.users : r.entity_type === 'group' ? sets.groups : sets.memberships;
    if (r.kind === 'added') target.add(key);
    else target.delete(key);
  }
  const unlogged = queryAll<{ directory_id: string; group_id: string; user_id: string; since: string }>(
    db,
    sql`SELECT directory_id, group_id, user_id, since FROM memberships WHERE profile_id = ${profileId}`,
  ).filter((m) => !logged.has(pairKey(m)));
  const baselineAt = new Map(
    queryAll<{ directory_id: string; at: string }>(
      db,
      sql`SELECT directory_id, min(at) AS at FROM changes WHERE profile_id = ${profileId} AND baseline = 1 AND entity_type IN ('user', 'group')
          GROUP BY directory_id`,
    ).map((r) => [r.directory_id, r.at]),
  );
  for (const m of unlogged) {
    if (m.since === baselineAt.get(m.directory_id)) setsOf(m.directory_id).memberships.add(pairKey(m));
  }
  return out;
}

export function presenceOf(state: DirectoryState | undefined): PresenceSets {
  return {
    users: new Set(state?.users.keys() ?? []),
    groups: new Set(state?.groups.keys() ?? []),
    memberships: new Set(state?.memberships ?? []),
  };
}

/** A digest of every change-log row of one run, to prove later that none went missing or changed. */
export function runChangeDigest(db: ReadableDB, runId: string): { count: number; hash: string } {
  const rows = queryAll<Record<string, unknown>>(db, sql`SELECT * FROM changes WHERE run_id = ${runId} ORDER BY seq`);
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${canonicalJson(r)}\n`);
  return { count: rows.length, hash: hash.digest('hex') };
}
