/**
 * A process killed with SIGKILL in the middle of a sync leaves a database that opens, passes
 * integrity_check, shows each directory either wholly as before or wholly as after (never
 * half-applied), and converges on the next sync.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { integrityCheck } from '../../../src/main/store/connection.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { insertProfileRow } from '../../../src/main/store/profiles-table.ts';
import { sql } from '../../../src/main/store/sql.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { listSyncRuns } from '../../../src/main/store/sync-runs.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from './truth.ts';

const SCALE = 20;
const child = fileURLToPath(new URL('./fixtures/sync-child.ts', import.meta.url));
let emu: RunningEmulator;
let dir: { dir: string; cleanup: () => void };
let dbPath: string;

/** Runs the child sync; with `killAfterApplied`, SIGKILLs it once that many directories are committed. */
function runChild(killAfterApplied: number | null): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, emu.url, emu.apiKey, String(SCALE)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (killAfterApplied !== null && lines.filter((l) => l === 'applied').length === killAfterApplied)
          proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killed: true });
      else if (code === 0) resolve({ lines, killed: false });
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

function usersByDirectory(path: string): Map<string, string> {
  const store = openStore(path);
  const rows = queryAll<{ directory_id: string; ids: string }>(
    store.reader,
    sql`SELECT directory_id, group_concat(id || ':' || state || ':' || coalesce(email, ''), ',') AS ids
        FROM (SELECT * FROM users ORDER BY id) GROUP BY directory_id`,
  );
  store.close();
  return new Map(rows.map((r) => [r.directory_id, r.ids]));
}

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 50, directories: 3, rateLimitScale: SCALE });
  dir = tempDir();
  dbPath = join(dir.dir, 'cache.sqlite');
  const store = openStore(dbPath);
  insertProfileRow(store.writer, {
    id: 'p1',
    name: 'p1',
    kind: 'workos',
    apiBaseUrl: emu.url,
    maskedKey: null,
    at: new Date().toISOString(),
  });
  store.close();
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

describe('SIGKILL during a sync', () => {
  it('leaves an intact database with whole directories, and the next sync converges', async () => {
    const first = await runChild(null);
    expect(first.lines).toContain('finished succeeded');
    const before = usersByDirectory(dbPath);

    for (let i = 0; i < 8; i++) emu.control.step('mixed');
    emu.control.setFaults({ latencyMs: 15 });
    const killed = await runChild(2);
    expect(killed.killed).toBe(true);
    emu.control.setFaults(null);

    const store = openStore(dbPath);
    expect(integrityCheck(store.reader)).toEqual(['ok']);
    // The killed run is recorded as failed, not left "running".
    expect(listSyncRuns(store.reader, 'p1', 1)[0]).toMatchObject({ status: 'failed' });
    store.close();

    const after = usersByDirectory(dbPath);
    const truthUsers = new Map<string, string>();
    for (const d of emu.control.truth().directories) {
      const users = emu.control
        .users(d.id)
        .map((u) => `${u.id}:${u.state}:${u.email ?? ''}`)
        .sort();
      truthUsers.set(d.id, users.join(','));
    }
    for (const [directoryId, state] of after) {
      // Each directory is either the old snapshot or the new truth — never a mix.
      expect([before.get(directoryId), truthUsers.get(directoryId)]).toContain(state);
    }

    const reopened = openStore(dbPath);
    const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(SCALE) });
    const again = await runFullSync({ store: reopened, client, profileId: 'p1' });
    expect(again.status).toBe('succeeded');
    expectCacheEqualsTruth(reopened, emu);
    reopened.close();
  });
});
