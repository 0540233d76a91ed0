/**
 * Hostile data from an identity provider: SQL metacharacters, HTML/script, RTL overrides,
 * emoji, zero-width characters and a 10 MB attribute blob must be stored exactly (byte for
 * byte, as data, never as SQL or markup), searchable without FTS syntax errors; directories
 * whose records miss a required field or carry a wrong type are rejected on their own, with a
 * message naming the field, while the other directories sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../../src/main/store/connection.ts';
import { queryAll, queryOne } from '../../src/main/store/exec.ts';
import { listUsers } from '../../src/main/store/queries/users-query.ts';
import { sql } from '../../src/main/store/sql.ts';
import type { FullSyncSummary } from '../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { canonicalJson } from './support/directory-state.ts';
import {
  BLOB_BYTES,
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  hostileDataSet,
  startHostileWorkos,
} from './support/hostile-workos.ts';
import { report } from './support/soak.ts';
import { PROFILE_ID, syncAll, tempStore, type TempStore } from './support/sync-in-process.ts';

let server: Awaited<ReturnType<typeof startHostileWorkos>>;
let temp: TempStore;
let summary: FullSyncSummary;

beforeAll(async () => {
  server = await startHostileWorkos();
  temp = tempStore(server.url);
  const client = new WorkosClient({ apiKey: 'sk_test_hostile', baseUrl: server.url });
  summary = await syncAll(temp.store, client);
  for (const d of summary.directories) report('hostile', `${d.directoryId}: ${d.status} ${d.error ?? ''}`);
}, 120_000);

afterAll(async () => {
  temp?.cleanup();
  await server?.close();
});

const outcome = (id: string) => summary.directories.find((d) => d.directoryId === id);

describe('hostile data', () => {
  it('stores every hostile user, group and name exactly as sent', () => {
    expect(outcome(HOSTILE_IDS.hostile)?.status).toBe('succeeded');
    const sent = hostileDataSet().find((d) => d.directory.id === HOSTILE_IDS.hostile)!;
    const rows = queryAll<{ id: string; raw_json: string; first_name: string }>(
      temp.store.reader,
      sql`SELECT id, raw_json, first_name FROM users WHERE directory_id = ${HOSTILE_IDS.hostile} ORDER BY id`,
    );
    expect(rows).toHaveLength(HOSTILE_STRINGS.length);
    for (const u of sent.users) {
      const row = rows.find((r) => r.id === u.id)!;
      const { groups: _groups, ...withoutGroups } = u;
      expect(canonicalJson(JSON.parse(row.raw_json)), `user ${u.id}`).toBe(canonicalJson(withoutGroups));
      expect(row.first_name).toBe(u.first_name);
    }
    const groupNames = queryAll<{ name: string }>(
      temp.store.reader,
      sql`SELECT name FROM groups WHERE directory_id = ${HOSTILE_IDS.hostile} ORDER BY name`,
    ).map((g) => g.name);
    expect(groupNames.sort()).toEqual(sent.groups.map((g) => g.name as string).sort());
    const dirName = queryOne<{ name: string }>(
      temp.store.reader,
      sql`SELECT name FROM directories WHERE id = ${HOSTILE_IDS.hostile}`,
    )?.name;
    expect(dirName).toBe(sent.directory.name);
    // Nothing was interpreted as SQL: every table is still there and intact.
    expect(integrityCheck(temp.store.reader)).toEqual(['ok']);
    const tables = queryAll<{ name: string }>(
      temp.store.reader,
      sql`SELECT name FROM sqlite_master WHERE type = 'table'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'groups', 'directories', 'changes']));
  });

  it('finds hostile names by search, treating FTS operators and quotes as plain text', () => {
    for (const text of [...HOSTILE_STRINGS, '"', '*', 'NEAR(', "'", '\\', '%']) {
      const page = listUsers(temp.store.reader, {
        profileId: PROFILE_ID,
        search: text,
        sort: 'name',
        order: 'asc',
        limit: 50,
      });
      expect(Array.isArray(page.items), text).toBe(true);
    }
    const rtl = listUsers(temp.store.reader, {
      profileId: PROFILE_ID,
      search: 'مرحبا',
      sort: 'name',
      order: 'asc',
      limit: 50,
    });
    const arabic = hostileDataSet()[0]!.users.find((u) => String(u.first_name).includes('مرحبا'))!;
    expect(rtl.items.map((u) => u.id)).toContain(arabic.id);
  });

  it('keeps a 10 MB attribute blob intact', () => {
    expect(outcome(HOSTILE_IDS.blob)?.status).toBe('succeeded');
    const sent = hostileDataSet().find((d) => d.directory.id === HOSTILE_IDS.blob)!.users[0]!;
    const row = queryOne<{ custom_attributes: string }>(
      temp.store.reader,
      sql`SELECT custom_attributes FROM users WHERE id = ${sent.id as string}`,
    );
    const notes = (JSON.parse(row!.custom_attributes) as { notes: string }).notes;
    expect(notes.length).toBe(BLOB_BYTES);
    expect(notes).toBe((sent.custom_attributes as { notes: string }).notes);
  });

  it('rejects a directory with a missing required field, naming the field, and keeps nothing half-synced', () => {
    const o = outcome(HOSTILE_IDS.missingField);
    expect(o?.status).toBe('failed');
    expect(o?.error).toMatch(/state/);
    const users = queryOne<{ n: number }>(
      temp.store.reader,
      sql`SELECT count(*) AS n FROM users WHERE directory_id = ${HOSTILE_IDS.missingField}`,
    )?.n;
    expect(users, 'the valid user of a rejected page is not applied either').toBe(0);
    const dir = queryOne<{ last_sync_status: string; last_sync_error: string }>(
      temp.store.reader,
      sql`SELECT last_sync_status, last_sync_error FROM directories WHERE id = ${HOSTILE_IDS.missingField}`,
    );
    expect(dir?.last_sync_status).toBe('failed');
    expect(dir?.last_sync_error).toMatch(/state/);
  });

  it('rejects a directory with a wrongly typed field, naming the field', () => {
    const o = outcome(HOSTILE_IDS.wrongType);
    expect(o?.status).toBe('failed');
    expect(o?.error).toMatch(/created_at/);
  });

  it('reports the run as partial: the good directories synced, the bad ones are named', () => {
    expect(summary.status).toBe('partial');
    expect(summary.error).toContain(HOSTILE_IDS.missingField);
    expect(summary.error).toContain(HOSTILE_IDS.wrongType);
  });
});
