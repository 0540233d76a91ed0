/**
 * The sync slice through the real core and its dispatch (what the renderer calls): profiles
 * with masked keys, "Sync now" with progress and dataChanged events, queries, bad keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import type { SyncProgress } from '../../../src/shared/api.ts';
import { tempDir } from '../../unit/store/helpers.ts';

let emu: RunningEmulator;
let core: ConsoleCore;
let cleanup: () => void;

async function ok<T>(method: string, input?: unknown): Promise<T> {
  const res = await core.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

/** Resolves with the final progress event of the next sync of `profileId`. */
function syncFinished(profileId: string): Promise<SyncProgress> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((name, payload) => {
      if (name !== 'syncProgress') return;
      const p = payload as SyncProgress;
      if (p.profileId === profileId && ['done', 'failed', 'cancelled'].includes(p.phase) && p.directoryId === null) {
        off();
        resolve(p);
      }
    });
  });
}

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 20, directories: 2, rateLimitScale: 1 });
  const t = tempDir();
  cleanup = t.cleanup;
  core = createConsoleCore({
    dataDir: t.dir,
    transport: 'web',
    log: silentLogger,
    autoSync: false,
    queryWorker: false,
  });
});
afterAll(async () => {
  await core.close();
  await emu.close();
  cleanup();
});

describe('sync API through the core', () => {
  it('starts with the Demo profile active and an empty cache', async () => {
    const profiles = await ok<{ id: string; isDemo: boolean; active: boolean }[]>('listProfiles');
    expect(profiles).toEqual([expect.objectContaining({ id: 'demo', isDemo: true, active: true })]);
    expect(await ok('getHealthSummary', {})).toMatchObject({ directories: 0, source: 'none' });
  });

  it('creates a profile, never returning the key, syncs it and answers queries', async () => {
    const created = await ok<{ id: string; maskedKey: string }>('createProfile', {
      name: 'Staging',
      apiBaseUrl: emu.url,
      apiKey: emu.apiKey,
    });
    expect(created.maskedKey).toBe(`sk_test_…${emu.apiKey.slice(-4)}`);
    expect(JSON.stringify(await ok('listProfiles'))).not.toContain(emu.apiKey);

    const changedTables = new Set<string>();
    core.events.subscribe((name, payload) => {
      if (name === 'dataChanged') for (const t of (payload as { tables: string[] }).tables) changedTables.add(t);
    });
    const finished = syncFinished(created.id);
    expect(await ok('startSync', { profileId: created.id })).toMatchObject({ started: true });
    expect((await finished).phase).toBe('done');
    expect(changedTables.has('users')).toBe(true);
    // The run and the profile's status are announced, so Settings and run lists refresh.
    expect(changedTables.has('sync_runs')).toBe(true);
    expect(changedTables.has('profiles')).toBe(true);
    // The sync ran in the worker thread; this thread only answered queries.
    expect(core.context.sync.workerStarted).toBe(true);

    const truth = emu.control.truth();
    const users = await ok<{ items: { id: string }[]; total: number }>('listUsers', {
      profileId: created.id,
      limit: 5,
    });
    expect(users.total).toBe(truth.users.length);
    const dirs = await ok<{ id: string; users: number }[]>('listDirectories', { profileId: created.id });
    expect(dirs.map((d) => d.id).sort()).toEqual(truth.directories.map((d) => d.id).sort());
    const detail = await ok<{ user: { id: string }; groups: unknown[] }>('getUser', {
      profileId: created.id,
      userId: users.items[0]!.id,
    });
    expect(detail.user.id).toBe(users.items[0]!.id);
    const status = await ok<{ lastRun: { status: string; kind: string } }>('getSyncStatus', { profileId: created.id });
    expect(status.lastRun).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(await ok('getProfileStatus', { profileId: created.id })).toMatchObject({ status: 'ok', keySource: 'file' });
    // Settings asks once for every profile's status: the same answers, in the profiles' order.
    const profiles = await ok<{ id: string }[]>('listProfiles');
    const statuses = await ok<{ profileId: string }[]>('listProfileStatuses');
    expect(statuses.map((s) => s.profileId)).toEqual(profiles.map((p) => p.id));
    for (const p of profiles) {
      expect(statuses.find((s) => s.profileId === p.id)).toEqual(await ok('getProfileStatus', { profileId: p.id }));
    }
  });

  it('an events sync announces its run and the profile status, even when no event arrived', async () => {
    const staging = (await ok<{ id: string; name: string }[]>('listProfiles')).find((p) => p.name === 'Staging')!;
    const changed: string[][] = [];
    const off = core.events.subscribe((name, payload) => {
      const p = payload as { profileId: string; tables: string[] };
      if (name === 'dataChanged' && p.profileId === staging.id) changed.push(p.tables);
    });
    try {
      const finished = syncFinished(staging.id);
      // The full sync of the test before may still be closing its writer: start once it has.
      let started = { started: false, message: '' };
      for (let i = 0; i < 100 && !started.started; i++) {
        started = await ok('startSync', { profileId: staging.id, kind: 'events' });
        if (!started.started) await new Promise((r) => setTimeout(r, 100));
      }
      expect(started, started.message).toMatchObject({ started: true });
      expect((await finished).phase).toBe('done');
      expect(changed.flat()).toEqual(expect.arrayContaining(['sync_runs', 'profiles']));
    } finally {
      off();
    }
  });

  it('marks a profile with a rejected key invalid and says so in plain words', async () => {
    const bad = await ok<{ id: string }>('createProfile', {
      name: 'Bad key',
      apiBaseUrl: emu.url,
      apiKey: 'sk_test_not_the_right_key',
    });
    const finished = syncFinished(bad.id);
    await ok('startSync', { profileId: bad.id });
    expect((await finished).phase).toBe('failed');
    const status = await ok<{ status: string; message: string }>('getProfileStatus', { profileId: bad.id });
    expect(status).toMatchObject({ status: 'invalid_key', message: expect.stringMatching(/rejected the API key/) });
    const test = await ok<{ ok: boolean; status: string }>('testConnection', {
      apiBaseUrl: emu.url,
      apiKey: 'sk_test_wrong',
    });
    expect(test).toMatchObject({ ok: false, status: 'invalid_key' });
    expect(await ok('listUsers', { profileId: bad.id })).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad input with a message naming the field', async () => {
    const res = await core.call('createProfile', { name: 'x', apiBaseUrl: 'ftp://nope', apiKey: 'sk_test_1' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/apiBaseUrl/) },
    });
    const cursor = await core.call('listUsers', { profileId: 'demo', cursor: 'garbage' });
    expect(cursor).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/cursor/) },
    });
    const missing = await core.call('getUser', { profileId: 'nope', userId: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
