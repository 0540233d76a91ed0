/**
 * A query handler's statements read one snapshot of the cache: a sync that commits between a
 * page and its total (on its own connection, as the writer thread does) changes neither.
 */
import { describe, expect, it } from 'vitest';
import { queryHandlers } from '../../../src/main/api/query-handlers.ts';
import { healthSummary } from '../../../src/main/store/queries/directories-query.ts';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { afterStatement, insertNamedUsers, storeWithNamedUsers } from './helpers.ts';

describe('query handlers read one snapshot', () => {
  it('a page of users and its total agree when a user is committed between them', async () => {
    const { store, cleanup } = storeWithNamedUsers([['Ann', 3]]);
    try {
      const handlers = queryHandlers(store.reader, () => {});
      const query = { profileId: 'p1', sort: 'name', order: 'asc', limit: 50 } as const;
      let committed = false;
      const page = await afterStatement(
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
      const next = await handlers.listUsers(query);
      expect(next.items).toHaveLength(4);
      expect(next.total).toBe(4);
    } finally {
      cleanup();
    }
  });

  it('the health summary counts the users of the directories it read', () => {
    const { store, cleanup } = storeWithNamedUsers([['Ann', 3]]);
    try {
      const summary = afterStatement(
        store,
        'FROM directories',
        () => inTransaction(store.writer, () => insertNamedUsers(store, 'Zed', 1, 3)),
        () => healthSummary(store.reader, 'p1'),
      );
      expect([summary.directories, summary.users]).toEqual([1, 3]);
      expect(healthSummary(store.reader, 'p1').users).toBe(4);
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
