import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log.ts';
import { FileKeyStore } from '../../../src/main/profiles/key-store.ts';
import { ProfileManager } from '../../../src/main/profiles/profile-manager.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { SyncService } from '../../../src/main/sync/sync-service.ts';
import type { SyncProgress } from '../../../src/shared/api.ts';
import { tempDir } from '../store/helpers.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake, type FakeWorld } from './fake-workos.ts';

let store: Store;
let cleanup: () => void;
let world: FakeWorld;
let fake: Awaited<ReturnType<typeof startFake>>;
let profiles: ProfileManager;
let service: SyncService;
const progress: SyncProgress[] = [];

beforeEach(async () => {
  const t = tempDir();
  store = openStore(`${t.dir}/cache.sqlite`);
  world = fakeWorld();
  addDirectory(world, 'dir_a');
  addGroup(world, 'g1', 'dir_a');
  // 1,200 users = 12 pages at the documented 4/s: long enough to cancel mid-way.
  for (let i = 0; i < 1200; i++) addUser(world, `u${String(i).padStart(4, '0')}`, 'dir_a');
  fake = await startFake(world);
  profiles = new ProfileManager({ store, keys: new FileKeyStore(t.dir), envKey: null });
  progress.length = 0;
  service = new SyncService({ store, profiles, log: silentLogger, onProgress: (p) => progress.push(p) });
  cleanup = t.cleanup;
});
afterEach(async () => {
  await service.close();
  await fake.close();
  store.close();
  cleanup();
});

describe('sync scheduler', () => {
  it('runs one sync at a time, reports it running, and cancels it', async () => {
    const p = profiles.create({ name: 'Staging', apiBaseUrl: fake.url, apiKey: 'sk_test_fake' });
    const first = service.start(p.id, 'auto');
    expect(first.started).toBe(true);
    expect(service.start(p.id, 'auto')).toMatchObject({
      started: false,
      message: expect.stringMatching(/already running/),
    });
    expect(service.status(p.id).running).toBe('full');
    expect(service.cancel(p.id)).toBe(true);
    const outcome = await first.done!;
    expect(outcome.full!.status).toBe('cancelled');
    expect(service.status(p.id)).toMatchObject({ running: null, lastRun: { status: 'cancelled', kind: 'full' } });
    expect(progress.at(-1)).toMatchObject({ phase: 'cancelled' });
  });

  it('pauses and resumes the schedule', async () => {
    const p = profiles.create({ name: 'Staging', apiBaseUrl: fake.url, apiKey: 'sk_test_fake' });
    expect(service.pause(p.id)).toMatchObject({ paused: true, nextEventsPollAt: null });
    expect(service.resume(p.id)).toMatchObject({ paused: false });
  });

  it('does a full sync first, then incremental event polls', async () => {
    world.users = world.users.slice(0, 50);
    const p = profiles.create({ name: 'Staging', apiBaseUrl: fake.url, apiKey: 'sk_test_fake' });
    const first = await service.run(p.id, 'auto');
    expect(first.full?.status).toBe('succeeded');
    const second = await service.run(p.id, 'auto');
    expect(second.full).toBeNull();
    expect(second.events?.status).toBe('succeeded');
  });
});
