import { describe, expect, it } from 'vitest';
import { stageUsers, stagedUserIds } from '../../../src/main/store/staging.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { freshStoreEachTest, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

const users = (ids: string[], directoryId = 'directory_1') =>
  ids.map((id) => wireUser(id, { directory_id: directoryId }));

describe('reading staged user ids back', () => {
  it('pages a directory in id order, only what was staged before the first call', () => {
    stageUsers(store.writer, 'r1', 'directory_1', users(['u3', 'u1', 'u5']));
    stageUsers(store.writer, 'r1', 'directory_2', users(['u2'], 'directory_2'));
    stageUsers(store.writer, 'r2', 'directory_1', users(['u4']));
    stageUsers(store.writer, 'r1', 'directory_1', users(['u4']));

    const first = stagedUserIds(store.writer, 'r1', 'directory_1', null, 2, null);
    expect(first.ids).toEqual(['u1', 'u3']);
    // Staged after the first call (the caller takes these from the page itself): never read back.
    stageUsers(store.writer, 'r1', 'directory_1', users(['u0', 'u9']));
    const second = stagedUserIds(store.writer, 'r1', 'directory_1', 'u3', 2, first.upTo);
    expect(second.ids).toEqual(['u4', 'u5']);
    expect(stagedUserIds(store.writer, 'r1', 'directory_1', 'u5', 2, second.upTo).ids).toEqual([]);
    // A fresh reading sees everything of the run and directory.
    expect(stagedUserIds(store.writer, 'r1', 'directory_1', null, 10, null).ids).toEqual([
      'u0',
      'u1',
      'u3',
      'u4',
      'u5',
      'u9',
    ]);
  });

  it('reads nothing for a directory with nothing staged', () => {
    expect(stagedUserIds(store.writer, 'r1', 'directory_1', null, 10, null)).toEqual({ ids: [], upTo: 0 });
  });
});
