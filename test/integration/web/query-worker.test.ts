/**
 * Read-only queries answered by the query worker thread: same answers and error codes as the
 * core's own handlers, the active profile resolved by the core, and the core's thread answering
 * instead when the worker cannot run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import {
  QueryWorkerHost,
  QueryWorkerPool,
  QueryWorkerUnavailableError,
} from '../../../src/main/core/query-worker/host.ts';
import { offloadQueries } from '../../../src/main/core/query-worker/offload.ts';
import { silentLogger } from '../../../src/main/log.ts';
import type { ConsoleHandlers } from '../../../src/shared/api.ts';
import { tempDir } from '../../unit/store/helpers.ts';

const t = tempDir();
const logged: string[] = [];
const capturing = {
  info: (m: string) => logged.push(m),
  warn: (m: string) => logged.push(m),
  error: (m: string) => logged.push(m),
};
let withWorker: ConsoleCore;
let withoutWorker: ConsoleCore;

beforeAll(() => {
  withWorker = createConsoleCore({
    dataDir: t.dir,
    transport: 'web',
    log: capturing,
    autoSync: false,
    queryWorker: true,
  });
  withoutWorker = createConsoleCore({
    dataDir: t.dir,
    transport: 'web',
    log: silentLogger,
    autoSync: false,
    queryWorker: false,
  });
});
afterAll(async () => {
  await withWorker.close();
  await withoutWorker.close();
  t.cleanup();
});

describe('the query worker', () => {
  it('answers exactly what the core answers, errors included', async () => {
    const calls: [string, unknown][] = [
      ['getHealthSummary', {}],
      ['getHealthSummary', { profileId: 'demo' }],
      ['listDirectories', { profileId: 'demo' }],
      ['listUsers', { profileId: 'demo', limit: 10 }],
      ['getUser', { profileId: 'demo', userId: 'user_missing' }],
      ['listUsers', { profileId: 'no-such-profile' }],
      ['listInactiveUsers', { profileId: 'demo' }],
    ];
    for (const [method, input] of calls) {
      expect(await withWorker.call(method, input), method).toEqual(await withoutWorker.call(method, input));
    }
    expect(await withWorker.call('getUser', { profileId: 'demo', userId: 'user_missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await withWorker.call('listUsers', { profileId: 'no-such-profile' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('no-such-profile') },
    });
    // Nothing fell back to the core's thread: the worker answered all of them.
    expect(logged.filter((m) => m.includes('main thread'))).toEqual([]);
  });

  it('falls back to the core’s thread when the worker cannot run', async () => {
    const host = new QueryWorkerHost('/nonexistent-folder/cache.sqlite', null);
    const local = { listUsers: () => ({ items: [], nextCursor: null, total: 7 }) } as unknown as ConsoleHandlers;
    const routed = offloadQueries(local, host, () => 'demo', silentLogger);
    const answer = await (routed.listUsers as unknown as (input: unknown) => Promise<unknown>)({ profileId: 'demo' });
    expect(answer).toEqual({ items: [], nextCursor: null, total: 7 });
    expect(host.unavailableReason).toMatch(/query worker/);
    await host.close();
  });

  it('a pool starts its second worker only when a request waits, answers from both, and reports when none can run', async () => {
    const pool = new QueryWorkerPool(withWorker.context.store.path, 'demo', {
      growAfterWaitMs: 0,
      growAfterStartMs: 60_000,
    });
    expect(pool.workers).toBe(1);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => pool.call('listDirectories', { profileId: 'demo' })),
    );
    expect(answers).toEqual([[], [], [], []]);
    // Three of the four waited behind the first worker: the second one was started for them.
    expect(pool.workers).toBe(2);
    expect(pool.unavailableReason).toBeNull();
    await pool.close();
    await expect(pool.call('listDirectories', { profileId: 'demo' })).rejects.toBeInstanceOf(
      QueryWorkerUnavailableError,
    );
  });

  it('a request that stops waiting before the wait delay starts no second worker', async () => {
    const waitMs = 3000;
    const pool = new QueryWorkerPool(withWorker.context.store.path, 'demo', {
      growAfterWaitMs: waitMs,
      growAfterStartMs: 60_000,
    });
    const asked = performance.now();
    await Promise.all([
      pool.call('listDirectories', { profileId: 'demo' }),
      pool.call('listDirectories', { profileId: 'demo' }),
    ]);
    // The second request waited only while the first worker started and answered.
    expect(performance.now() - asked).toBeLessThan(waitMs);
    await new Promise((resolve) => setTimeout(resolve, waitMs - (performance.now() - asked) + 100));
    expect(pool.workers).toBe(1);
    await pool.close();
  });

  it('a pool that nobody makes wait starts its second worker after the start delay', async () => {
    const pool = new QueryWorkerPool(withWorker.context.store.path, 'demo', {
      growAfterWaitMs: 60_000,
      growAfterStartMs: 50,
    });
    expect(await pool.call('listDirectories', { profileId: 'demo' })).toEqual([]);
    await vi.waitFor(() => expect(pool.workers).toBe(2));
    await pool.close();
  });
});
