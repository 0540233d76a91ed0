/**
 * A user update names in SET only the indexed columns whose value moved: naming one rewrites
 * every index holding it even when the value is the same (WAL pages of `users_by_email` for
 * every update). Both write paths are checked: an event's upsert and a full sync's staged apply.
 */
import { describe, expect, it } from 'vitest';
import { queryAll } from '../../../src/main/store/exec.ts';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { directoryFromWire, userFromWire, type JsonObject } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { upsertUser } from '../../../src/main/store/user-writes.ts';
import { applySnapshot, eventsContext, freshStoreEachTest, wireDirectory, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

/** The UPDATE users statements prepared while `work` runs. */
function userUpdates(work: () => void): string[] {
  const seen: string[] = [];
  const prepare = store.writer.prepare.bind(store.writer);
  const spy = ((text: string) => {
    if (/^\s*UPDATE users SET/.test(text)) seen.push(text.replace(/\s+/g, ' '));
    return prepare(text);
  }) as typeof store.writer.prepare;
  store.writer.prepare = spy;
  try {
    work();
  } finally {
    store.writer.prepare = prepare;
  }
  return seen;
}

function byEmail(email: string): string[] {
  return queryAll<{ id: string }>(
    store.reader,
    sql`SELECT id FROM users INDEXED BY users_by_email WHERE profile_id = 'p1' AND lower(email) = lower(${email})`,
  ).map((r) => r.id);
}

function columnsSet(statement: string): string[] {
  const set = /SET (.*) WHERE/.exec(statement)![1]!;
  return [...set.matchAll(/(\w+) = \?/g)].map((m) => m[1]!);
}

/** User u1 cached, then an event that changes `over`: the UPDATE statements it ran. */
function eventUpdate(over: JsonObject): string[] {
  upsertDirectory(store.writer, eventsContext(), directoryFromWire(wireDirectory()));
  upsertUser(store.writer, eventsContext(), userFromWire(wireUser('u1')));
  const at = '2026-01-02T00:00:00.000Z';
  return userUpdates(() =>
    upsertUser(store.writer, eventsContext(at), userFromWire(wireUser('u1', { ...over, updated_at: at }))),
  );
}

describe('user updates', () => {
  it('an event that changes the title alone leaves email, state, directory and sort name out of SET', () => {
    const updates = eventUpdate({ job_title: 'Engineer' });
    expect(updates).toHaveLength(1);
    const cols = columnsSet(updates[0]!);
    expect(cols).toContain('job_title');
    expect(cols).toContain('updated_at');
    for (const indexed of ['email', 'state', 'directory_id', 'sort_name']) expect(cols).not.toContain(indexed);
  });

  it('an event that changes the email writes it, and the email index finds the new address only', () => {
    const updates = eventUpdate({ email: 'New.Address@acme.com' });
    expect(columnsSet(updates[0]!)).toContain('email');
    expect(byEmail('new.address@acme.com')).toEqual(['u1']);
    expect(byEmail('u1@acme.com')).toEqual([]);
  });

  it('a full sync that renames a user writes the sort name but not the unchanged directory or email', () => {
    applySnapshot(store, 'r1', '2026-01-01T00:00:00.000Z', { users: [wireUser('u1')], groups: [], members: [] });
    const updates = userUpdates(() =>
      applySnapshot(store, 'r2', '2026-01-02T00:00:00.000Z', {
        users: [wireUser('u1', { first_name: 'Zed', updated_at: '2026-01-02T00:00:00.000Z' })],
        groups: [],
        members: [],
      }),
    );
    expect(updates).toHaveLength(1);
    const cols = columnsSet(updates[0]!);
    expect(cols).toContain('sort_name');
    expect(cols).not.toContain('directory_id');
    expect(cols).not.toContain('email');
    const row = queryAll<{ sort_name: string; directory_id: string; email: string }>(
      store.reader,
      sql`SELECT sort_name, directory_id, email FROM users WHERE profile_id = 'p1' AND id = 'u1'`,
    )[0]!;
    expect(row.sort_name.startsWith('zed')).toBe(true);
    expect(row.directory_id).toBe('directory_1');
    expect(byEmail('u1@acme.com')).toEqual(['u1']);
  });

  it('a full sync that changes the email writes it', () => {
    applySnapshot(store, 'r1', '2026-01-01T00:00:00.000Z', { users: [wireUser('u1')], groups: [], members: [] });
    applySnapshot(store, 'r2', '2026-01-02T00:00:00.000Z', {
      users: [wireUser('u1', { email: 'other@acme.com', updated_at: '2026-01-02T00:00:00.000Z' })],
      groups: [],
      members: [],
    });
    expect(byEmail('other@acme.com')).toEqual(['u1']);
    expect(byEmail('u1@acme.com')).toEqual([]);
  });
});
