/**
 * Per-connection TEMP tables holding a full sync's pages until a directory is complete.
 * They live outside the main database file, so staging costs no fsync and vanishes with the
 * process if it dies mid-sync.
 *
 * Each staged row already carries every column its users/groups row needs (computed in
 * JavaScript as the page arrives, while the network is the bottleneck), so applying a
 * directory is mostly set-based SQL (see snapshot-apply.ts) instead of one statement per row.
 */
import type { WritableDB } from './db-types.ts';
import { inTempTransaction, prepare, queryAll, queryOne } from './exec.ts';
import { sql } from './sql.ts';
import { displayName, groupFromWire, sortKey, userFromWire, userSearchText, type JsonObject } from './records.ts';

/** Page cache of the TEMP database, in KiB; what does not fit spills to its temp file. */
const TEMP_CACHE_KIB = 32 * 1024;

export function createStagingTables(db: WritableDB): void {
  // Staging commits once per fetched page. A TEMP rollback journal on disk means creating and
  // deleting a file per commit (milliseconds each); in memory it is free, and it stays small
  // because the big deletes of staged rows run in small transactions (discardStagedRows).
  db.pragma('temp.journal_mode = MEMORY');
  db.pragma(`temp.cache_size = -${TEMP_CACHE_KIB}`);
  db.exec(`
CREATE TEMP TABLE IF NOT EXISTS stage_users (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL,
  user_directory_id TEXT NOT NULL, organization_id TEXT, idp_id TEXT NOT NULL, email TEXT,
  first_name TEXT, last_name TEXT, name TEXT, username TEXT, job_title TEXT, state TEXT NOT NULL,
  custom_attributes TEXT NOT NULL, raw_json TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  sort_name TEXT NOT NULL, search_text TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS temp.stage_users_key ON stage_users (run_id, directory_id, id);
CREATE TEMP TABLE IF NOT EXISTS stage_groups (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, id TEXT NOT NULL,
  group_directory_id TEXT NOT NULL, organization_id TEXT, idp_id TEXT NOT NULL, name TEXT NOT NULL,
  raw_json TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, sort_name TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS temp.stage_groups_key ON stage_groups (run_id, directory_id, id);
CREATE TEMP TABLE IF NOT EXISTS stage_memberships (
  run_id TEXT NOT NULL, directory_id TEXT NOT NULL, group_id TEXT NOT NULL, user_id TEXT NOT NULL,
  PRIMARY KEY (run_id, directory_id, group_id, user_id)
) WITHOUT ROWID;
`);
}

/**
 * A staged user row's values after (run_id, directory_id), in stage_users column order. Pure
 * JavaScript, so a sync computes them on its network thread and its cache writer only inserts.
 */
export type StagedUserValues = [
  id: string,
  userDirectoryId: string,
  organizationId: string | null,
  idpId: string,
  email: string | null,
  firstName: string | null,
  lastName: string | null,
  name: string | null,
  username: string | null,
  jobTitle: string | null,
  state: string,
  customAttributes: string,
  rawJson: string,
  createdAt: string,
  updatedAt: string,
  sortName: string,
  searchText: string,
];

export function stagedUserValues(wire: JsonObject): StagedUserValues {
  const u = userFromWire(wire);
  return [
    u.id,
    u.directoryId,
    u.organizationId,
    u.idpId,
    u.email,
    u.firstName,
    u.lastName,
    u.name,
    u.username,
    u.jobTitle,
    u.state,
    JSON.stringify(u.customAttributes),
    JSON.stringify(u.raw),
    u.createdAt,
    u.updatedAt,
    sortKey(displayName(u)),
    userSearchText(u),
  ];
}

export function insertStagedUsers(
  db: WritableDB,
  runId: string,
  directoryId: string,
  rows: readonly StagedUserValues[],
): void {
  const insert = prepare(
    db,
    `INSERT OR REPLACE INTO stage_users (run_id, directory_id, id, user_directory_id, organization_id, idp_id, email,
       first_name, last_name, name, username, job_title, state, custom_attributes, raw_json, created_at, updated_at,
       sort_name, search_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inTempTransaction(db, () => {
    for (const row of rows) insert.run(runId, directoryId, ...row);
  });
}

export function stageUsers(db: WritableDB, runId: string, directoryId: string, users: readonly JsonObject[]): void {
  insertStagedUsers(db, runId, directoryId, users.map(stagedUserValues));
}

/** A staged group row's values after (run_id, directory_id), in stage_groups column order. */
export type StagedGroupValues = [
  id: string,
  groupDirectoryId: string,
  organizationId: string | null,
  idpId: string,
  name: string,
  rawJson: string,
  createdAt: string,
  updatedAt: string,
  sortName: string,
];

export function stagedGroupValues(wire: JsonObject): StagedGroupValues {
  const g = groupFromWire(wire);
  return [
    g.id,
    g.directoryId,
    g.organizationId,
    g.idpId,
    g.name,
    JSON.stringify(g.raw),
    g.createdAt,
    g.updatedAt,
    sortKey(g.name),
  ];
}

export function insertStagedGroups(
  db: WritableDB,
  runId: string,
  directoryId: string,
  rows: readonly StagedGroupValues[],
): void {
  const insert = prepare(
    db,
    `INSERT OR REPLACE INTO stage_groups (run_id, directory_id, id, group_directory_id, organization_id, idp_id, name,
       raw_json, created_at, updated_at, sort_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inTempTransaction(db, () => {
    for (const row of rows) insert.run(runId, directoryId, ...row);
  });
}

export function stageGroups(db: WritableDB, runId: string, directoryId: string, groups: readonly JsonObject[]): void {
  insertStagedGroups(db, runId, directoryId, groups.map(stagedGroupValues));
}

export function stageMemberships(
  db: WritableDB,
  runId: string,
  directoryId: string,
  pairs: readonly { groupId: string; userId: string }[],
): void {
  const insert = prepare(
    db,
    'INSERT OR IGNORE INTO stage_memberships (run_id, directory_id, group_id, user_id) VALUES (?, ?, ?, ?)',
  );
  inTempTransaction(db, () => {
    for (const p of pairs) insert.run(runId, directoryId, p.groupId, p.userId);
  });
}

/** How many users (groups) a directory has staged in this run. */
export function stagedCount(db: WritableDB, table: 'users' | 'groups', runId: string, directoryId: string): number {
  const q =
    table === 'users'
      ? sql`SELECT count(*) AS n FROM stage_users WHERE run_id = ${runId} AND directory_id = ${directoryId}`
      : sql`SELECT count(*) AS n FROM stage_groups WHERE run_id = ${runId} AND directory_id = ${directoryId}`;
  return queryOne<{ n: number }>(db, q)!.n;
}

/**
 * Up to `limit` ids of a directory's staged users after `afterId` (null: from the first), in id
 * order, among those staged by the time of the first call (`upTo`: null on the first call, then
 * the value it returned), so users staged later, which the caller already has, are not read
 * twice. A sync reading memberships user by user takes its users back from here instead of
 * keeping a million ids in memory while it lists them.
 */
export function stagedUserIds(
  db: WritableDB,
  runId: string,
  directoryId: string,
  afterId: string | null,
  limit: number,
  upTo: number | null,
): { ids: string[]; upTo: number } {
  // A later row gets a rowid past every row there (SQLite's max + 1), so past this directory's too.
  const bound =
    upTo ??
    queryOne<{ m: number | null }>(
      db,
      sql`SELECT max(rowid) AS m FROM stage_users WHERE run_id = ${runId} AND directory_id = ${directoryId}`,
    )!.m ??
    0;
  const rows = queryAll<{ id: string }>(
    db,
    sql`SELECT id FROM stage_users WHERE run_id = ${runId} AND directory_id = ${directoryId} AND id > ${afterId ?? ''}
          AND rowid <= ${bound}
        ORDER BY id LIMIT ${Math.max(1, Math.trunc(limit))}`,
  );
  return { ids: rows.map((r) => r.id), upTo: bound };
}

const DISCARD_CHUNK = 5000;

/**
 * Deletes a directory's staged rows, a few thousand per TEMP transaction, so the in-memory
 * TEMP journal never holds a whole directory. Never call it inside another transaction.
 */
export function discardStagedRows(db: WritableDB, runId: string, directoryId: string): void {
  for (const table of ['stage_users', 'stage_groups', 'stage_memberships'] as const) {
    if (onlyStaged(db, table, runId, directoryId)) {
      // Nothing else staged: emptying the whole table frees its pages without journaling them.
      inTempTransaction(db, () => prepare(db, `DELETE FROM ${table}`).run());
      continue;
    }
    const step = prepare(db, discardChunkSql[table]);
    while (inTempTransaction(db, () => step.run(runId, directoryId).changes) > 0) {
      // next chunk
    }
  }
}

const discardChunkSql = {
  stage_users: `DELETE FROM stage_users WHERE rowid IN
    (SELECT rowid FROM stage_users WHERE run_id = ? AND directory_id = ? LIMIT ${DISCARD_CHUNK})`,
  stage_groups: `DELETE FROM stage_groups WHERE rowid IN
    (SELECT rowid FROM stage_groups WHERE run_id = ? AND directory_id = ? LIMIT ${DISCARD_CHUNK})`,
  stage_memberships: `DELETE FROM stage_memberships WHERE (run_id, directory_id, group_id, user_id) IN
    (SELECT run_id, directory_id, group_id, user_id FROM stage_memberships
     WHERE run_id = ? AND directory_id = ? LIMIT ${DISCARD_CHUNK})`,
};

/** True when every row of `table` belongs to this run and directory (the first and last key say so). */
function onlyStaged(
  db: WritableDB,
  table: 'stage_users' | 'stage_groups' | 'stage_memberships',
  runId: string,
  directoryId: string,
): boolean {
  const ends = [
    prepare(db, `SELECT run_id, directory_id FROM ${table} ORDER BY run_id, directory_id LIMIT 1`),
    prepare(db, `SELECT run_id, directory_id FROM ${table} ORDER BY run_id DESC, directory_id DESC LIMIT 1`),
  ];
  return ends.every((stmt) => {
    const row = stmt.get() as { run_id: string; directory_id: string } | undefined;
    return row === undefined || (row.run_id === runId && row.directory_id === directoryId);
  });
}
