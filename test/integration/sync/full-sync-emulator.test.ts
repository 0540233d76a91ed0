/**
 * Full sync against the emulator over loopback: the cache must equal the emulator's truth
 * exactly (ids, every wire field, memberships), with user.groups empty and populated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from './truth.ts';

let emu: RunningEmulator | undefined;
let store: Store | undefined;
let cleanup: () => void = () => {};
afterEach(async () => {
  await emu?.close();
  store?.close();
  cleanup();
  emu = undefined;
  store = undefined;
});

async function setup(groupsPopulated: boolean) {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 150,
    directories: 3,
    rateLimitScale: 20,
    groupsPopulated,
  });
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(20) });
  return { client, store, emu };
}

describe('full sync against the emulator', () => {
  it('equals the truth exactly when user.groups is empty', async () => {
    const { client, store: s, emu: e } = await setup(false);
    const summary = await runFullSync({ store: s, client, profileId: 'p1' });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expectCacheEqualsTruth(s, e);
    expect(e.control.stats().violations.total).toBe(0);
    expect(e.control.stats().rateLimited.total).toBe(0);
  });

  it('equals the truth exactly when user.groups is populated, without membership requests', async () => {
    const { client, store: s, emu: e } = await setup(true);
    const summary = await runFullSync({ store: s, client, profileId: 'p1' });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.directories.every((d) => d.strategy === 'user_groups_field' || d.groups === 0)).toBe(true);
    expectCacheEqualsTruth(s, e);
  });

  it('equals the truth when big groups are also read from their end (order=desc), with few extra pages', async () => {
    emu = await startEmulator({
      eventsHoldBackMs: 0,
      seed: {
        organizations: [{ name: 'Big', directories: [{ users: 1500, groups: 3 }] }],
        history: { steps: 0, days: 0 },
      },
      randomSeed: 3,
      rateLimitScale: 50,
      groupsPopulated: false,
    });
    const t = tempDir();
    cleanup = t.cleanup;
    store = storeWithProfile(t.dir);
    const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
    const summary = await runFullSync({ store, client, profileId: 'p1' });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.directories[0]!.strategy).toBe('by_group');
    expectCacheEqualsTruth(store, emu);
    // One page per 100 members of each group, plus at most two read twice where chains meet.
    const truth = emu.control.truth();
    const memberPages = truth.groups
      .map((g) => Math.max(1, Math.ceil(truth.memberships.filter((m) => m.group_id === g.id).length / 100)))
      .reduce((a, b) => a + b, 0);
    const listingPages = Math.ceil(truth.users.length / 100);
    const used = emu.control.stats().directoryUsersRequests[summary.directories[0]!.directoryId] ?? 0;
    expect(used).toBeGreaterThanOrEqual(memberPages + listingPages);
    expect(used).toBeLessThanOrEqual(memberPages + listingPages + 2 * truth.groups.length);
  });
});
