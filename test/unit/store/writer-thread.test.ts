/**
 * The cache writer thread: a full sync's operations run there in the order they were called,
 * on a connection of its own, with results and errors (SQLite code included) coming back.
 */
import { describe, expect, it } from 'vitest';
import { queryAll, queryOne } from '../../../src/main/store/exec.ts';
import type { ChangeContext } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import { stagedUserValues } from '../../../src/main/store/staging.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { openCacheWrites } from '../../../src/main/store/writer-thread/host.ts';
import { StagingQueue } from '../../../src/main/sync/staging-queue.ts';
import { freshStoreEachTest, wireDirectory, wireGroup, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => (store = s));

const ctx = (at: string): ChangeContext => ({
  profileId: 'p1',
  at,
  source: 'full_sync',
  runId: 'run1',
  eventId: null,
  baseline: true,
});

function beginRun(id = 'run1') {
  return {
    id,
    profileId: 'p1',
    kind: 'full' as const,
    reason: null,
    directoryId: null,
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('cache writer thread', () => {
  it('runs a directory from list to apply on its own connection; the store sees it once committed', async () => {
    const writes = await openCacheWrites(store);
    expect(writes.where).toBe('writer thread');
    expect(await writes.call('beginFullSyncRun', beginRun())).toEqual({ firstSync: true });
    await writes.call('applyDirectoryList', ctx('2026-01-01T00:00:01.000Z'), [wireDirectory()], true);
    const stage = new StagingQueue(writes, 'run1', 'directory_1');
    // Sent without waiting, as a sync does: the thread keeps the order.
    void stage.groups([wireGroup('g1')]);
    void stage.users([wireUser('u1'), wireUser('u2')]);
    void stage.memberships([{ groupId: 'g1', userId: 'u2' }]);
    await stage.flush();
    expect(queryAll(store.writer, sql`SELECT id FROM users`)).toEqual([]);
    const counts = await writes.call('applyStagedDirectory', ctx('2026-01-01T00:00:02.000Z'), 'run1', 'directory_1');
    expect(counts).toMatchObject({ users: 2, groups: 1, memberships: 1 });
    await writes.close();
    // Its work, for the bench: wall-clock busy time, and (on Linux) the thread's own CPU time.
    const work = writes.work();
    expect(work?.busyMs).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(work?.cpuMs).toEqual(expect.any(Number));
    // And its heap at the largest: a thread's heap is never empty, nor anywhere near a gigabyte here.
    expect(work?.heapPeakBytes).toBeGreaterThan(1024 * 1024);
    expect(work?.heapPeakBytes).toBeLessThan(1024 ** 3);
    expect(queryAll(store.reader, sql`SELECT id FROM users ORDER BY id`)).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect(queryAll(store.reader, sql`SELECT group_id, user_id FROM memberships`)).toEqual([
      { group_id: 'g1', user_id: 'u2' },
    ]);
  });

  it('keeps staged pages on its own connection: the store connection stages nothing', async () => {
    const writes = await openCacheWrites(store);
    await writes.call('insertStagedUsers', 'run1', 'directory_1', [stagedUserValues(wireUser('u1'))]);
    expect(queryOne(store.writer, sql`SELECT count(*) AS n FROM stage_users`)).toEqual({ n: 0 });
    await writes.close();
  });

  it('brings errors back with their message and SQLite code', async () => {
    const writes = await openCacheWrites(store);
    await expect(
      writes.call('applyStagedDirectory', ctx('2026-01-01T00:00:02.000Z'), 'run1', 'dir_missing'),
    ).rejects.toThrow(/directory dir_missing is not in the cache/);
    // A directory outcome for a run that does not exist breaks a foreign key.
    const orphan = {
      run_id: 'no_such_run',
      directory_id: 'directory_1',
      status: 'running' as const,
      users: 0,
      groups: 0,
      memberships: 0,
      changes: 0,
      strategy: null,
      error: null,
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: null,
    };
    const err = await writes.call('upsertRunDirectory', orphan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    // The thread carries on after a failed operation.
    expect(await writes.call('beginFullSyncRun', beginRun())).toEqual({ firstSync: true });
    await writes.close();
  });

  it('a staging failure stops the directory at its next page and at flush', async () => {
    const writes = await openCacheWrites(store);
    const stage = new StagingQueue(writes, 'run1', 'directory_1');
    await stage.users([wireUser('u1')]);
    // The writer is gone (as if its thread had died): the page cannot be staged.
    await writes.close();
    void stage.users([wireUser('u2')]).catch(() => undefined);
    await expect(stage.flush()).rejects.toThrow(/writer thread stopped/);
    await expect(stage.users([wireUser('u3')])).rejects.toThrow(/writer thread stopped/);
  });

  it('tells how many operations wait, and when the backlog has drained', async () => {
    const writes = await openCacheWrites(store);
    const sent = Array.from({ length: 20 }, (_, i) =>
      writes.call('insertStagedUsers', 'run1', 'directory_1', [stagedUserValues(wireUser(`u${i}`))]),
    );
    expect(writes.backlog).toBe(20);
    await writes.whenBacklogAtMost(0);
    expect(writes.backlog).toBe(0);
    await Promise.all(sent);
    await writes.close();
  });

  it('writes inline when asked or when the cache is in memory, and a closed thread refuses work', async () => {
    expect((await openCacheWrites(store, 'inline')).where).toMatch(/^inline/);
    const memory = openStore(':memory:');
    try {
      expect((await openCacheWrites(memory)).where).toMatch(/in-memory/);
    } finally {
      memory.close();
    }
    const writes = await openCacheWrites(store);
    await writes.close();
    await expect(writes.call('beginFullSyncRun', beginRun())).rejects.toThrow(/writer thread stopped/);
  });
});
