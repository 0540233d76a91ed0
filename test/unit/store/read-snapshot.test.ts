/**
 * A query handler's statements read one snapshot of the cache: a sync that commits between a
 * page and its total (on its own connection, as the writer thread does) changes neither.
 */
import { describe, expect, it } from 'vitest';
import { queryHandlers } from '../../../src/main/api/query-handlers.ts';
import { inTransaction } from '../../../src/main/store/exec.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { insertNamedUsers, storeWithNamedUsers } from './helpers.ts';

/**
 * Runs `work`; the first time a statement on the reader whose SQL holds `marker` has returned
 * its rows, `between` runs (once).
 */
function afterStatement<T>(store: Store, marker: string, between: () => void, work: () => T): T {
  const proto = Object.getPrototypeOf(store.reader.prepare('SELECT 1')) as {
    all: (this: { source: string }, ...a: unknown[]) => unknown;
  };
  const all = proto.all;
  let done = false;
  proto.all = function (this: { source: string }, ...a: unknown[]) {
    const rows = all.apply(this, a);
    if (!done && this.source.includes(marker)) {
      done = true;
      between();
    }
    return rows;
  };
  try {
    return work();
  } finally {
    proto.all = all;
  }
}

describe('query handlers read one snapshot', () => {
  it('a page of users and its total agree when a user is committed between them', () => {
    const { store, cleanup } = storeWithNamedUsers([['Ann', 3]]);
    try {
      const handlers = queryHandlers(store.reader, () => {});
      const query = { profileId: 'p1', sort: 'name', order: 'asc', limit: 50 } as const;
      let committed = false;
      const page = afterStatement(
        store,
        'page.seq',
        () => {
          inTransaction(store.writer, () => insertNamedUsers(store, 'Zed', 1, 3));
          committed = true;
        },
        () => handlers.listUsers(query),
      );
      expect(committed).toBe(true);
      expect(page.items.map((u) => u.firstName)).toEqual(['Ann', 'Ann', 'Ann']);
      expect(page.total).toBe(3);
      // The next call reads the state after the commit.
      const next = handlers.listUsers(query);
      expect(next.items).toHaveLength(4);
      expect(next.total).toBe(4);
    } finally {
      cleanup();
    }
  });

  it('a handler that throws leaves no transaction open on the reader', () => {
    const { store, cleanup } = storeWithNamedUsers([['Ann', 1]]);
    try {
      const handlers = queryHandlers(store.reader, () => {
        throw new Error('no such profile');
      });
      expect(() => handlers.getUser({ profileId: 'p1', userId: 'u000001' })).toThrow('no such profile');
      expect(store.reader.inTransaction).toBe(false);
    } finally {
      cleanup();
    }
  });
});
