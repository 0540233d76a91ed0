/** Values a read-only connection keeps until another connection commits, and how many. */
import { describe, expect, it } from 'vitest';
import { rememberUntilChanged } from '../../../src/main/store/queries/remember-until-changed.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { freshStoreEachTest } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => (store = s));

describe('rememberUntilChanged', () => {
  it('computes once per key until another connection commits', () => {
    let computed = 0;
    const get = () => rememberUntilChanged(store.reader, 'test', 'k', () => ++computed);
    expect([get(), get()]).toEqual([1, 1]);
    store.writer.prepare(`UPDATE profiles SET name = 'renamed' WHERE id = 'p1'`).run();
    expect([get(), get()]).toEqual([2, 2]);
  });

  it('keeps at most `keep` keys, dropping the least recently used', () => {
    const computed: string[] = [];
    const get = (key: string) => rememberUntilChanged(store.reader, 'test', key, () => computed.push(key), 2);
    get('a');
    get('b');
    get('a'); // a is now the most recently used
    get('c'); // drops b
    get('a');
    get('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('never keeps anything on a connection that writes', () => {
    let computed = 0;
    rememberUntilChanged(store.writer, 'test', 'k', () => ++computed);
    rememberUntilChanged(store.writer, 'test', 'k', () => ++computed);
    expect(computed).toBe(2);
  });
});
