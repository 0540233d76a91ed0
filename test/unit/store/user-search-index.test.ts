/**
 * The user search indexes are brought up to date at the end of each write transaction (migration
 * 21): after inserts, renames, a rename back, a delete and a directory's removal in one or several
 * transactions, no note is left and both FTS5 indexes agree exactly with the users table (FTS5's
 * own integrity check, which compares an external-content index with its content). A write made
 * outside any transaction is applied the next time the cache is opened.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDirectory, upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { execute, inTransaction, queryAll, queryOne } from '../../../src/main/store/exec.ts';
import { directoryFromWire, userFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { removeUser, upsertUser } from '../../../src/main/store/user-writes.ts';
import { eventsContext, storeWithProfile, tempDir, wireDirectory, wireUser } from './helpers.ts';

let dir: string;
let store: Store;
let cleanup: () => void;

beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  store = storeWithProfile(dir);
  inTransaction(store.writer, () => {
    const ctx = eventsContext();
    upsertDirectory(store.writer, ctx, directoryFromWire(wireDirectory('directory_1')));
    upsertDirectory(store.writer, ctx, directoryFromWire(wireDirectory('directory_2')));
  });
});
afterEach(() => {
  store.close();
  cleanup();
});

const ctx = eventsContext('2026-02-01T00:00:00.000Z');
const user = (id: string, firstName: string, directoryId = 'directory_1') =>
  userFromWire(wireUser(id, { first_name: firstName, directory_id: directoryId, updated_at: ctx.at }));

function expectIndexesExact(s: Store): void {
  expect(queryOne<{ n: number }>(s.reader, sql`SELECT count(*) AS n FROM users_search_pending`)!.n).toBe(0);
  for (const index of ['users_fts', 'users_trigram_fts']) {
    // Throws (SQLITE_CORRUPT_VTAB) when the index and the users table disagree.
    s.writer.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`).run();
  }
}

const wordMatches = (term: string): string[] =>
  queryAll<{ id: string }>(
    store.reader,
    sql`SELECT u.id FROM users_fts f JOIN users u ON u.seq = f.rowid WHERE users_fts MATCH ${term} ORDER BY u.id`,
  ).map((r) => r.id);
const substringMatches = (term: string): string[] =>
  queryAll<{ id: string }>(
    store.reader,
    sql`SELECT u.id FROM users_trigram_fts f JOIN users u ON u.seq = f.rowid WHERE users_trigram_fts MATCH ${term} ORDER BY u.id`,
  ).map((r) => r.id);

describe('user search indexes, brought up to date per transaction', () => {
  it('follow inserts, renames and deletes made in one transaction', () => {
    inTransaction(store.writer, () => {
      upsertUser(store.writer, eventsContext(), user('u1', 'Ottoline'));
      upsertUser(store.writer, eventsContext(), user('u2', 'Bartholomew'));
      upsertUser(store.writer, eventsContext(), user('u3', 'Wilhelmina'));
      // Renamed twice in the same transaction: the index must end with the last name only.
      upsertUser(store.writer, ctx, user('u1', 'Philippa'));
      upsertUser(
        store.writer,
        { ...ctx, at: '2026-03-01T00:00:00.000Z' },
        userFromWire(wireUser('u1', { first_name: 'Rosalind', updated_at: '2026-03-01T00:00:00.000Z' })),
      );
      removeUser(store.writer, ctx, 'u3', 'deleted_event');
    });
    expectIndexesExact(store);
    expect(wordMatches('rosalind')).toEqual(['u1']);
    expect(wordMatches('ottoline')).toEqual([]);
    expect(wordMatches('philippa')).toEqual([]);
    expect(wordMatches('wilhelmina')).toEqual([]);
    expect(substringMatches('artholo')).toEqual(['u2']);
    expect(substringMatches('salin')).toEqual(['u1']);
  });

  it('follow changes spread over transactions, a rename back and a directory removed', () => {
    inTransaction(store.writer, () => {
      upsertUser(store.writer, eventsContext(), user('u1', 'Ottoline'));
      upsertUser(store.writer, eventsContext(), user('u2', 'Bartholomew', 'directory_2'));
    });
    expectIndexesExact(store);
    inTransaction(store.writer, () => upsertUser(store.writer, ctx, user('u1', 'Philippa')));
    expectIndexesExact(store);
    expect(wordMatches('philippa')).toEqual(['u1']);
    const back = { ...ctx, at: '2026-03-01T00:00:00.000Z' };
    inTransaction(store.writer, () =>
      upsertUser(store.writer, back, userFromWire(wireUser('u1', { first_name: 'Ottoline', updated_at: back.at }))),
    );
    expect(wordMatches('ottoline')).toEqual(['u1']);
    // The directory's users go by cascade; the index follows.
    inTransaction(store.writer, () => removeDirectory(store.writer, ctx, 'directory_2', 'deleted_event'));
    expectIndexesExact(store);
    expect(substringMatches('artholo')).toEqual([]);
  });

  it('keep the indexed text when the writing statement has a conflict clause of its own', () => {
    inTransaction(store.writer, () => upsertUser(store.writer, eventsContext(), user('u1', 'Ottoline')));
    // A trigger's statements take the outer statement's conflict clause: the first note must still win.
    inTransaction(store.writer, () => {
      execute(store.writer, sql`UPDATE OR REPLACE users SET search_text = 'Philippa u1@acme.com' WHERE id = 'u1'`);
      execute(store.writer, sql`UPDATE OR REPLACE users SET search_text = 'Rosalind u1@acme.com' WHERE id = 'u1'`);
    });
    expectIndexesExact(store);
    expect(wordMatches('rosalind')).toEqual(['u1']);
    expect(wordMatches('ottoline')).toEqual([]);
  });

  it('applies a write made outside any transaction when the cache is next opened', () => {
    inTransaction(store.writer, () => upsertUser(store.writer, eventsContext(), user('u1', 'Ottoline')));
    execute(store.writer, sql`UPDATE users SET search_text = 'Marguerite u1@acme.com' WHERE id = 'u1'`);
    expect(wordMatches('marguerite')).toEqual([]);
    store.close();
    store = openStore(`${dir}/cache.sqlite`);
    expectIndexesExact(store);
    expect(wordMatches('marguerite')).toEqual(['u1']);
    expect(wordMatches('ottoline')).toEqual([]);
  });
});
