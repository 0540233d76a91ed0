/** A store with a profile in a temp folder, and an in-process full sync against an emulator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { insertProfileRow } from '../../../src/main/store/profiles-table.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { runFullSync, type FullSyncSummary } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { cacheByDirectory, fingerprint, truthByDirectory } from './directory-state.ts';

export const PROFILE_ID = 'p1';

export interface TempStore {
  store: Store;
  dir: string;
  dbPath: string;
  cleanup(): void;
}

export function tempStore(apiBaseUrl: string): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-reliability-'));
  const dbPath = join(dir, 'cache.sqlite');
  const store = openStore(dbPath);
  insertProfileRow(store.writer, {
    id: PROFILE_ID,
    name: PROFILE_ID,
    kind: 'workos',
    apiBaseUrl,
    maskedKey: null,
    at: new Date().toISOString(),
  });
  return {
    store,
    dir,
    dbPath,
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function emulatorClient(emu: RunningEmulator, rateLimitScale: number): WorkosClient {
  return new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(rateLimitScale) });
}

export async function syncAll(store: Store, client: WorkosClient): Promise<FullSyncSummary> {
  return runFullSync({ store, client, profileId: PROFILE_ID });
}

/** Every directory in the cache equals the emulator's truth: same ids, every field, memberships. */
export function expectCacheEqualsTruth(store: Store, emu: RunningEmulator, label: string): void {
  const truth = truthByDirectory(emu.control.truth());
  const cache = cacheByDirectory(store.reader, PROFILE_ID);
  expect([...cache.keys()].sort(), `${label}: directories`).toEqual([...truth.keys()].sort());
  for (const [id, state] of truth) {
    expect(fingerprint(cache.get(id)), `${label}: directory ${id}`).toEqual(fingerprint(state));
  }
}
