/**
 * Deleting a profile stops its schedule, cancels its sync and drops its client (and key) from
 * memory, logging once: afterwards it makes no request and produces no log line, while
 * another profile keeps syncing (which is how the test knows time has passed).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../src/shared/api.ts';
import { syncHandlers } from '../../../src/main/api/sync-handlers.ts';
import type { CoreContext } from '../../../src/main/core/context.ts';
import type { Logger } from '../../../src/main/log.ts';
import { FileKeyStore } from '../../../src/main/profiles/key-store.ts';
import { ProfileManager } from '../../../src/main/profiles/profile-manager.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { SyncService } from '../../../src/main/sync/sync-service.ts';
import { tempDir } from '../store/helpers.ts';
import { addDirectory, addUser, fakeWorld, startFake, type FakeWorld } from './fake-workos.ts';

let dir: { dir: string; cleanup: () => void };
let store: Store;
let profiles: ProfileManager;
let sync: SyncService;
const lines: string[] = [];
const fakes: { world: FakeWorld; close: () => Promise<void>; url: string }[] = [];
const finished = new Map<string, number>();
const waiters: { check: () => boolean; resolve: () => void }[] = [];

const log: Logger = {
  info: (m) => lines.push(`info ${m}`),
  warn: (m) => lines.push(`warn ${m}`),
  error: (m) => lines.push(`error ${m}`),
};

function onProgress(p: SyncProgress): void {
  if (p.directoryId === null && ['done', 'failed', 'cancelled'].includes(p.phase))
    finished.set(p.profileId, (finished.get(p.profileId) ?? 0) + 1);
  for (const w of waiters.splice(0)) (w.check() ? w.resolve : () => waiters.push(w))();
}

/** Resolves once `profileId` has finished `n` more runs than now (waits on progress events). */
function runsFinished(profileId: string, n: number): Promise<void> {
  const target = (finished.get(profileId) ?? 0) + n;
  return new Promise((resolve) => waiters.push({ check: () => (finished.get(profileId) ?? 0) >= target, resolve }));
}

async function fake(name: string) {
  const world = fakeWorld();
  addDirectory(world, `dir_${name}`);
  addUser(world, `u_${name}`, `dir_${name}`);
  const f = await startFake(world);
  fakes.push({ world, ...f });
  return { world, url: f.url };
}

beforeEach(() => {
  dir = tempDir();
  store = openStore(join(dir.dir, 'cache.sqlite'));
  profiles = new ProfileManager({ store, keys: new FileKeyStore(dir.dir), envKey: null });
  sync = new SyncService({ store, profiles, log, pollMs: 20, scheduling: true, onProgress });
});
afterEach(async () => {
  await sync.close();
  await profiles.close();
  for (const f of fakes.splice(0)) await f.close();
  store.close();
  dir.cleanup();
  lines.length = 0;
});

describe('deleting a profile', () => {
  it('stops its schedule: no further requests, one log line, its client gone', async () => {
    const a = await fake('a');
    const b = await fake('b');
    const alpha = profiles.create({ name: 'Alpha', apiBaseUrl: a.url, apiKey: 'sk_test_fake' });
    const beta = profiles.create({ name: 'Beta', apiBaseUrl: b.url, apiKey: 'sk_test_fake' });
    const handlers = syncHandlers({ store, profileManager: profiles, sync, log } as unknown as CoreContext);
    const bothRunning = Promise.all([runsFinished(alpha.id, 2), runsFinished(beta.id, 2)]);
    sync.schedule(alpha.id);
    sync.schedule(beta.id);
    await bothRunning;
    expect(a.world.requests.some((r) => r.startsWith('/events'))).toBe(true);

    const logBefore = lines.length;
    expect(await handlers.deleteProfile({ profileId: alpha.id })).toEqual({ deleted: true });
    const requestsAtDelete = a.world.requests.length;
    // A request Alpha's sync thread had already sent when the abort reached it may still land
    // (the abort crosses threads; one request is in flight at most): by the end of Beta's next
    // run it has. From then on nothing: three more Beta runs are plenty of Alpha's 20 ms intervals.
    await runsFinished(beta.id, 1);
    const requestsAfterDelete = a.world.requests.length;
    expect(requestsAfterDelete - requestsAtDelete).toBeLessThanOrEqual(1);
    await runsFinished(beta.id, 3);
    expect(a.world.requests.length).toBe(requestsAfterDelete);
    const newLines = lines.slice(logBefore);
    expect(newLines).toEqual([expect.stringMatching(/^info profile "Alpha" deleted: its syncs stopped/)]);
    const states = (sync as unknown as { states: Map<string, unknown> }).states;
    expect(states.has(alpha.id)).toBe(false);
    expect(states.has(beta.id)).toBe(true);
  });
});
