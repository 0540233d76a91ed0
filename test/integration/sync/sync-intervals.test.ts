/**
 * Sync intervals per profile: defaults, validation with reasons, persistence across restarts,
 * and the scheduler applying a change at once (next events poll, next reconcile).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { FileKeyStore } from '../../../src/main/profiles/key-store.ts';
import { ProfileManager } from '../../../src/main/profiles/profile-manager.ts';
import { SyncIntervalsService } from '../../../src/main/profiles/sync-intervals.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { finishSyncRun, insertSyncRun } from '../../../src/main/store/sync-runs.ts';
import { SyncService } from '../../../src/main/sync/sync-service.ts';
import type { SyncIntervals, SyncStatus } from '../../../src/shared/api.ts';
import { tempDir } from '../../unit/store/helpers.ts';

const t = tempDir();
let core: ConsoleCore;
let profileId: string;

const openCore = () =>
  createConsoleCore({ dataDir: t.dir, transport: 'web', log: silentLogger, autoSync: false, queryWorker: false });

async function ok<T>(method: string, input?: unknown): Promise<T> {
  const res = await core.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

async function refused(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const res = await core.call(method, input);
  if (res.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  return res.error;
}

beforeAll(async () => {
  core = openCore();
  profileId = (
    await ok<{ id: string }>('createProfile', {
      name: 'Production',
      apiBaseUrl: 'http://127.0.0.1:9',
      apiKey: 'sk_test_intervals_0000000000',
    })
  ).id;
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('sync intervals through the core', () => {
  it('starts from the defaults: events every minute (the Demo every 10 s), a reconcile a day', async () => {
    expect(await ok<SyncIntervals>('getSyncIntervals', { profileId })).toEqual({
      profileId,
      eventsPollSeconds: 60,
      reconcileHours: 24,
      defaults: { eventsPollSeconds: 60, reconcileHours: 24 },
    });
    expect(await ok<SyncIntervals>('getSyncIntervals', { profileId: 'demo' })).toMatchObject({
      eventsPollSeconds: 10,
      defaults: { eventsPollSeconds: 10 },
    });
  });

  it('refuses intervals out of range or not whole, saying what is allowed', async () => {
    expect(await refused('setSyncIntervals', { profileId, eventsPollSeconds: 5 })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/10 seconds/),
    });
    expect(await refused('setSyncIntervals', { profileId, reconcileHours: 1000 })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/30 days/),
    });
    expect((await refused('setSyncIntervals', { profileId, eventsPollSeconds: 1.5 })).code).toBe('invalid_input');
    expect((await refused('setSyncIntervals', { profileId: 'nope', reconcileHours: 2 })).code).toBe('not_found');
    expect(await ok<SyncIntervals>('getSyncIntervals', { profileId })).toMatchObject({
      eventsPollSeconds: 60,
      reconcileHours: 24,
    });
  });

  it('stores a choice with the profile, keeps the other interval, and survives a restart', async () => {
    expect(await ok<SyncIntervals>('setSyncIntervals', { profileId, eventsPollSeconds: 300 })).toMatchObject({
      eventsPollSeconds: 300,
      reconcileHours: 24,
    });
    await ok('setSyncIntervals', { profileId, reconcileHours: 6 });
    // Switching the active profile rewrites the same settings; the intervals stay.
    await ok('setActiveProfile', { profileId });
    await core.close();
    core = openCore();
    expect(await ok<SyncIntervals>('getSyncIntervals', { profileId })).toMatchObject({
      eventsPollSeconds: 300,
      reconcileHours: 6,
      defaults: { eventsPollSeconds: 60, reconcileHours: 24 },
    });
  });

  it('the next reconcile follows the chosen interval', async () => {
    const finishedAt = '2026-11-20T10:00:00.000Z';
    const writer = core.context.store.writer;
    insertSyncRun(writer, {
      id: 'run_full_1',
      profileId,
      kind: 'full',
      reason: null,
      directoryId: null,
      startedAt: finishedAt,
    });
    finishSyncRun(writer, 'run_full_1', {
      status: 'succeeded',
      finishedAt,
      requests: 1,
      rateLimitWaitMs: 0,
      retries: 0,
      changes: 0,
      error: null,
    });
    expect((await ok<SyncStatus>('getSyncStatus', { profileId })).nextReconcileAt).toBe('2026-11-20T16:00:00.000Z');
    await ok('setSyncIntervals', { profileId, reconcileHours: 48 });
    expect((await ok<SyncStatus>('getSyncStatus', { profileId })).nextReconcileAt).toBe('2026-11-22T10:00:00.000Z');
  });
});

describe('the scheduler', () => {
  let store: Store;
  let profiles: ProfileManager;
  let sync: SyncService;
  let intervals: SyncIntervalsService;
  const dir = tempDir();

  beforeAll(() => {
    store = openStore(dir.dir, { isDataDir: true });
    profiles = new ProfileManager({ store, keys: new FileKeyStore(dir.dir), envKey: null });
    intervals = new SyncIntervalsService({
      reader: store.reader,
      writer: store.writer,
      defaultPollMs: () => 60_000,
      defaultReconcileMs: 24 * 3600_000,
      reschedule: (id, delayMs) => sync.schedule(id, delayMs),
    });
    sync = new SyncService({
      store,
      profiles,
      log: silentLogger,
      scheduling: true,
      pollMsFor: (id) => intervals.pollMs(id),
      reconcileMsFor: (id) => intervals.reconcileMs(id),
    });
  });
  afterAll(async () => {
    await sync.close();
    await profiles.close();
    store.close();
    dir.cleanup();
  });

  it('moves the next events poll as soon as a new interval is chosen', () => {
    const id = profiles.create({
      name: 'Sched',
      apiBaseUrl: 'http://127.0.0.1:9',
      apiKey: 'sk_test_sched_000000000000',
    }).id;
    sync.schedule(id, 3600_000);
    const before = Date.parse(sync.status(id).nextEventsPollAt!);
    expect(before - Date.now()).toBeGreaterThan(3500_000);

    intervals.set(id, { eventsPollSeconds: 120 });
    const after = Date.parse(sync.status(id).nextEventsPollAt!) - Date.now();
    expect(after).toBeGreaterThan(100_000);
    expect(after).toBeLessThanOrEqual(120_000);

    // Choosing only the reconcile interval leaves the pending poll where it is.
    const pending = sync.status(id).nextEventsPollAt;
    intervals.set(id, { reconcileHours: 2 });
    expect(sync.status(id).nextEventsPollAt).toBe(pending);
  });
});
