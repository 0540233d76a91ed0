/**
 * The cache CLI as a Unix tool, against the emulator: a closed pipe ends quietly, --directory
 * takes names, `directories` reports health, relative times select what they say, and
 * `changes` shows names.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { tempDir } from '../../unit/store/helpers.ts';
import { cliInProcess } from './support/cli-in-process.ts';

const bin = fileURLToPath(new URL('../../../bin/dsync-console.mjs', import.meta.url));
let emu: RunningEmulator;
let dir: { dir: string; cleanup: () => void };

const cli = (args: string[]) => cliInProcess(args, emu.url, dir.dir);

async function json<T>(args: string[]): Promise<T> {
  const res = await cli([...args, '--format', 'json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as T;
}

/** Runs the real binary with its stdout read by someone who stops after the first chunk. */
function firstChunkOnly(args: string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--api-url', emu.url, '--data-dir', dir.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, got }));
  });
}

beforeAll(async () => {
  emu = await startEmulator({ seed: 'small', users: 150, directories: 2, rateLimitScale: 5 });
  dir = tempDir();
  process.env.WORKOS_API_KEY = emu.apiKey;
  try {
    const res = await cli(['sync']);
    expect(res.code, res.stderr).toBe(0);
  } finally {
    delete process.env.WORKOS_API_KEY;
  }
}, 120_000);
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

interface Listing {
  id: string;
  name: string;
  state: string;
  health: { level: string; reasons: string[] };
  userCount: number;
  groupCount: number;
  lastEventsSyncAt: string | null;
}

describe('the cache CLI as a Unix tool', () => {
  it('ends with status 0 and nothing on stderr when the reader closes the pipe (| head)', async () => {
    for (const args of [
      ['users', '--format', 'json'],
      ['changes', '--include-baseline', '--format', 'json'],
    ]) {
      const res = await firstChunkOnly(args);
      expect(res.got, args.join(' ')).toBeGreaterThan(0);
      expect(res.stderr, args.join(' ')).toBe('');
      expect(res.code, args.join(' ')).toBe(0);
    }
  });

  it('lists directories with the documented JSON keys, counts and health', async () => {
    const truth = emu.control.truth();
    const rows = await json<Record<string, unknown>[]>(['directories']);
    expect(rows).toHaveLength(truth.directories.length);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'groupCount',
          'health',
          'id',
          'lastEventsSyncAt',
          'lastFullSyncAt',
          'name',
          'organizationId',
          'organizationName',
          'state',
          'type',
          'userCount',
        ].sort(),
      );
      const d = row as unknown as Listing;
      expect(d.userCount).toBe(truth.users.filter((u) => u.directory_id === d.id).length);
      expect(d.groupCount).toBe(truth.groups.filter((g) => g.directory_id === d.id).length);
      expect(['healthy', 'warning', 'critical']).toContain(d.health.level);
      expect(typeof row.lastFullSyncAt).toBe('string');
    }
    const table = await cli(['directories']);
    for (const d of truth.directories) expect(table.stdout).toContain(d.id);
    const csv = await cli(['directories', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'id,name,organization_id,organization_name,type,state,health,health_reasons,users,groups,last_full_sync_at,last_events_sync_at',
    );
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(truth.directories.length + 1);
  });

  it('gives the time of the last events sync once the profile has read events', async () => {
    const before = await json<Listing[]>(['directories']);
    expect(before.every((d) => d.lastEventsSyncAt === null)).toBe(true);
    process.env.WORKOS_API_KEY = emu.apiKey;
    const sync = await cli(['sync']).finally(() => delete process.env.WORKOS_API_KEY);
    expect(sync.code, sync.stderr).toBe(0);
    const after = await json<(Listing & { lastFullSyncAt: string })[]>(['directories']);
    for (const d of after) {
      expect(d.lastEventsSyncAt).not.toBeNull();
      expect(d.lastEventsSyncAt! >= d.lastFullSyncAt).toBe(true);
    }
  });

  it('takes --directory as an id or an exact name, and exits 2 naming the known ones', async () => {
    const d = emu.control.truth().directories[1]!;
    const byId = await json<{ id: string }[]>(['users', '--directory', d.id]);
    const byName = await json<{ id: string }[]>(['users', '--directory', d.name]);
    expect(byId.length).toBeGreaterThan(0);
    expect(byName).toEqual(byId);
    for (const cmd of ['users', 'groups', 'changes']) {
      const res = await cli([cmd, '--directory', 'No Such Directory']);
      expect(res.code, cmd).toBe(2);
      expect(res.stdout, cmd).toBe('');
      expect(res.stderr.trimEnd().split('\n'), cmd).toHaveLength(1);
      for (const known of emu.control.truth().directories) expect(res.stderr).toContain(`${known.name} (${known.id})`);
    }
  });

  it('selects changes by relative times exactly as by the instants they name', async () => {
    const all = await json<{ at: string }[]>(['changes', '--include-baseline']);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const since = await json<{ at: string }[]>(['changes', '--include-baseline', '--since', '1h']);
    const until = await json<{ at: string }[]>(['changes', '--include-baseline', '--until', '1h']);
    expect(since.length + until.length).toBe(all.length);
    expect(since.length).toBe(all.filter((c) => c.at >= hourAgo).length);
    expect(since.length).toBeGreaterThan(0);
    const sinceYesterday = await json<unknown[]>(['changes', '--include-baseline', '--since', 'yesterday']);
    expect(sinceYesterday.length).toBeGreaterThanOrEqual(since.length);
  });

  it('shows names beside ids in changes, within 120 columns', async () => {
    const rows = await json<{ entityType: string; entityId: string; userName: string | null; directoryName: string }[]>(
      ['changes', '--include-baseline'],
    );
    const user = rows.find((r) => r.entityType === 'user' && r.userName)!;
    expect(user).toBeDefined();
    const table = await cli(['changes', '--include-baseline']);
    const line = table.stdout.split('\n').find((l) => l.includes(user.entityId))!;
    expect(line).toContain(user.userName!.slice(0, 10));
    for (const l of table.stdout.split('\n')) expect([...l].length).toBeLessThanOrEqual(120);
  });

  it('accepts every state the spec has, suspended included', async () => {
    for (const state of ['active', 'suspended', 'inactive']) {
      const rows = await json<{ state: string }[]>(['users', '--state', state]);
      expect(
        rows.every((u) => u.state === state),
        state,
      ).toBe(true);
    }
  });
});
