/** A cache on a fresh temporary file with one profile, removed afterwards. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { insertProfileRow, getProfileRow } from '../../src/main/store/profiles-table.ts';
import { openStore, type Store } from '../../src/main/store/store.ts';
import { benchTempDir, removeBenchTempDir } from './run-cleanup.ts';

export interface TempStore {
  store: Store;
  dir: string;
  path: string;
  dispose(): void;
}

export function ensureProfile(store: Store, profileId: string): void {
  if (getProfileRow(store.writer, profileId)) return;
  insertProfileRow(store.writer, {
    id: profileId,
    name: profileId,
    kind: 'workos',
    apiBaseUrl: 'http://127.0.0.1',
    maskedKey: null,
    at: new Date().toISOString(),
  });
}

export function tempStore(profileId = 'bench'): TempStore {
  const dir = benchTempDir('dsync-bench-');
  const path = join(dir, 'cache.sqlite');
  const store = openStore(path);
  ensureProfile(store, profileId);
  return {
    store,
    dir,
    path,
    dispose() {
      store.close();
      removeBenchTempDir(dir);
    },
  };
}

/** Size of the database file plus its WAL. */
export function fileBytes(path: string): number {
  let total = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      total += statSync(p).size;
    } catch {
      // no WAL yet
    }
  }
  return total;
}
