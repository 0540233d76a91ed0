/** Test helpers: a store in a fresh temp folder and wire-shaped fixtures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { execute, inTransaction } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import { insertProfileRow } from '../../../src/main/store/profiles-table.ts';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { directoryFromWire, type ChangeContext, type JsonObject } from '../../../src/main/store/records.ts';
import {
  applyStagedDirectory,
  stageGroups,
  stageMemberships,
  stageUsers,
  type AppliedDirectoryCounts,
} from '../../../src/main/store/snapshot-apply.ts';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function storeWithProfile(dir: string, profileId = 'p1'): Store {
  const store = openStore(join(dir, 'cache.sqlite'));
  insertProfileRow(store.writer, {
    id: profileId,
    name: profileId,
    kind: 'workos',
    apiBaseUrl: 'http://x',
    maskedKey: null,
    at: '2026-01-01T00:00:00.000Z',
  });
  return store;
}

/**
 * A fresh store with profile p1 for every test of the calling file, closed and deleted after it.
 * `use` receives it (assign it to the file's `store`); hooks the file registers later run after.
 */
export function freshStoreEachTest(use: (store: Store) => void): void {
  let close = (): void => {};
  beforeEach(() => {
    const t = tempDir();
    const store = storeWithProfile(t.dir);
    close = () => {
      store.close();
      t.cleanup();
    };
    use(store);
  });
  afterEach(() => close());
}

export const T0 = '2026-01-01T00:00:00.000Z';

/** The context of a change applied by events sync (no run, no event id) to profile p1. */
export function eventsContext(at: string = T0): ChangeContext {
  return { profileId: 'p1', at, source: 'events', runId: null, eventId: null, baseline: false };
}

export function wireDirectory(id = 'directory_1', over: JsonObject = {}): JsonObject {
  return {
    object: 'directory',
    id,
    organization_id: 'org_1',
    external_key: 'ek',
    type: 'okta scim v2.0',
    state: 'linked',
    name: 'Acme',
    domain: 'acme.com',
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

export function wireUser(id: string, over: JsonObject = {}): JsonObject {
  return {
    object: 'directory_user',
    id,
    directory_id: 'directory_1',
    organization_id: 'org_1',
    idp_id: `idp-${id}`,
    email: `${id}@acme.com`,
    first_name: 'First',
    last_name: id,
    state: 'active',
    raw_attributes: {},
    custom_attributes: { department: 'Engineering' },
    created_at: T0,
    updated_at: T0,
    groups: [],
    ...over,
  };
}

export function wireGroup(id: string, over: JsonObject = {}): JsonObject {
  return {
    object: 'directory_group',
    id,
    idp_id: `gidp-${id}`,
    directory_id: 'directory_1',
    organization_id: 'org_1',
    name: `Group ${id}`,
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

/**
 * A full sync of `directory_1` through the real write path: the directory row, then the users,
 * groups and (group id, user id) pairs staged and applied as one snapshot of run `runId`.
 */
export function applySnapshot(
  store: Store,
  runId: string,
  at: string,
  snapshot: { users: JsonObject[]; groups: JsonObject[]; members: [string, string][] },
): AppliedDirectoryCounts {
  const ctx: ChangeContext = { profileId: 'p1', at, source: 'full_sync', runId, eventId: null, baseline: false };
  upsertDirectory(store.writer, ctx, directoryFromWire(wireDirectory()));
  stageUsers(store.writer, runId, 'directory_1', snapshot.users);
  stageGroups(store.writer, runId, 'directory_1', snapshot.groups);
  stageMemberships(
    store.writer,
    runId,
    'directory_1',
    snapshot.members.map(([groupId, userId]) => ({ groupId, userId })),
  );
  return applyStagedDirectory(store.writer, ctx, runId, 'directory_1');
}

/**
 * `count` users named `first` Smith00001… (ids u<offset + i>, six digits) in directory_1, written
 * by one SQL statement (thousands in milliseconds), for tests of walks over the name index.
 */
export function insertNamedUsers(store: Store, first: string, count: number, offset: number): void {
  execute(
    store.writer,
    sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
        INSERT INTO users (profile_id, id, directory_id, idp_id, email, first_name, last_name, state, custom_attributes,
                           raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
        SELECT 'p1', printf('u%06d', i + ${offset}), 'directory_1', 'idp' || (i + ${offset}),
               lower(${first}) || i || '@acme.com', ${first}, printf('Smith%05d', i), 'active', '{}',
               '{}', '2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01',
               lower(${first}) || printf(' smith%05d', i),
               ${first} || printf(' Smith%05d ', i) || lower(${first}) || i || '@acme.com'
        FROM n`,
  );
}

/** A store with profile p1 and directory_1, then `fill` in the same transaction. */
export function storeWithDirectory(fill: (store: Store) => void): { store: Store; cleanup: () => void } {
  const t = tempDir();
  const store = storeWithProfile(t.dir);
  inTransaction(store.writer, () => {
    upsertDirectory(store.writer, eventsContext(), directoryFromWire(wireDirectory('directory_1')));
    fill(store);
  });
  return {
    store,
    cleanup: () => {
      store.close();
      t.cleanup();
    },
  };
}

/** A store with profile p1, directory_1, and the given runs of named users (`insertNamedUsers`). */
export function storeWithNamedUsers(runs: [first: string, count: number][]): { store: Store; cleanup: () => void } {
  return storeWithDirectory((store) => {
    let offset = 0;
    for (const [first, count] of runs) {
      insertNamedUsers(store, first, count, offset);
      offset += count;
    }
  });
}

/**
 * Runs `work` (which may return a promise) with `hook` called after every statement run with
 * `all`, on any connection (they share better-sqlite3's Statement prototype), with its SQL and
 * parameters; the prototype is restored once `work` has ended.
 */
function withEveryAll<T>(store: Store, hook: (source: string, params: unknown[]) => void, work: () => T): T {
  const proto = Object.getPrototypeOf(store.reader.prepare('SELECT 1')) as {
    all: (this: { source: string }, ...a: unknown[]) => unknown;
  };
  const all = proto.all;
  proto.all = function (this: { source: string }, ...a: unknown[]) {
    const rows = all.apply(this, a);
    hook(this.source, a);
    return rows;
  };
  const restore = (): void => {
    proto.all = all;
  };
  let result: T;
  try {
    result = work();
  } catch (err) {
    restore();
    throw err;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

/** The numeric parameters of every statement run with `all` while `work` runs. */
export function numbersBound(store: Store, work: () => void): number[] {
  const seen: number[] = [];
  withEveryAll(store, (_source, params) => seen.push(...params.filter((v) => typeof v === 'number')), work);
  return seen;
}

/**
 * Runs `work` (which may return a promise); the first time a statement whose SQL holds `marker`
 * has returned its rows, `between` runs, once.
 */
export function afterStatement<T>(store: Store, marker: string, between: () => void, work: () => T): T {
  let done = false;
  const hook = (source: string): void => {
    if (done || !source.includes(marker)) return;
    done = true;
    between();
  };
  return withEveryAll(store, hook, work);
}
