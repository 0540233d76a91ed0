/**
 * A read-only listing reads one state of the cache, even over several pages: a console syncing
 * the same cache while `dsync-console users` pages through it changes nothing in the output.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { afterStatement, insertNamedUsers, storeWithNamedUsers } from '../../unit/store/helpers.ts';
import { cliInProcess } from './support/cli-in-process.ts';

/** `--api-url` picks the profile named by the URL's host: `storeWithProfile` names it p1. */
const PROFILE_API_URL = 'http://p1';

describe('read-only listings', () => {
  it('a user committed after the first of two pages is not in the listing', async () => {
    // 1,500 users: two pages of the listing (it reads 1,000 at a time).
    const { store, cleanup } = storeWithNamedUsers([['Ann', 1500]]);
    try {
      const dataDir = dirname(store.path);
      const list = (): ReturnType<typeof cliInProcess> =>
        cliInProcess(['users', '--format', 'json'], PROFILE_API_URL, dataDir);
      const res = await afterStatement(
        store,
        'page.seq',
        // "Zed" sorts after every Ann: without one snapshot, the second page would read it.
        () => inTransaction(store.writer, () => insertNamedUsers(store, 'Zed', 1, 1500)),
        list,
      );
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const rows = JSON.parse(res.stdout) as { firstName: string }[];
      expect(rows).toHaveLength(1500);
      expect(rows.some((u) => u.firstName === 'Zed')).toBe(false);
      // The next listing reads the state after the commit.
      const after = JSON.parse((await list()).stdout) as { firstName: string }[];
      expect(after).toHaveLength(1501);
      expect(after.at(-1)?.firstName).toBe('Zed');
    } finally {
      cleanup();
    }
  });
});
