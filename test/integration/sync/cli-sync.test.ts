/** The cache CLI end to end: the real `dsync-console` binary against the emulator. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { runCli } from '../../../src/main/cli/main.ts';
import { tempDir } from '../../unit/store/helpers.ts';

const bin = fileURLToPath(new URL('../../../bin/dsync-console.mjs', import.meta.url));
let emu: RunningEmulator;
let dir: { dir: string; cleanup: () => void };

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, '--data-dir', dir.dir],
      { env: { ...process.env, ...env, WORKOS_API_KEY: env.WORKOS_API_KEY ?? '' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The same CLI in-process (spawning tsx per call is slow): captures stdout/stderr. */
async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli([...args, '--data-dir', dir.dir], {
      out: (t) => (stderr += t),
      err: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 15, directories: 2, rateLimitScale: 5 });
  dir = tempDir();
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

describe('dsync-console sync / users / groups / changes', () => {
  it('syncs with the key from WORKOS_API_KEY and prints a JSON summary', async () => {
    const res = await cli(['sync', '--api-url', emu.url, '--json'], { WORKOS_API_KEY: emu.apiKey });
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout) as {
      status: string;
      full: { directories: { users: number }[]; requests: number; rateLimitWaitMs: number };
      durationMs: number;
    };
    expect(summary.status).toBe('succeeded');
    expect(summary.full.directories.reduce((n, d) => n + d.users, 0)).toBe(emu.control.truth().users.length);
    expect(summary.full.requests).toBeGreaterThan(0);
    expect(typeof summary.durationMs).toBe('number');
    expect(res.stdout + res.stderr).not.toContain(emu.apiKey);
  });

  it('lists cached users and groups offline as CSV and JSON', async () => {
    const users = await cliInProcess(['users', '--api-url', emu.url, '--format', 'csv']);
    expect(users.code, users.stderr).toBe(0);
    const lines = users.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,email,state,state_since,directory,idp_id');
    expect(lines).toHaveLength(emu.control.truth().users.length + 1);
    const groups = await cliInProcess(['groups', '--api-url', emu.url, '--format', 'json']);
    expect(JSON.parse(groups.stdout)).toHaveLength(emu.control.truth().groups.length);
  });

  it('shows the changes an incremental sync recorded', async () => {
    emu.control.step('joiner');
    process.env.WORKOS_API_KEY = emu.apiKey;
    const sync = await cliInProcess(['sync', '--api-url', emu.url]).finally(() => delete process.env.WORKOS_API_KEY);
    expect(sync.code, sync.stderr).toBe(0);
    const changes = await cliInProcess(['changes', '--api-url', emu.url, '--format', 'json']);
    const rows = JSON.parse(changes.stdout) as { entityType: string; kind: string; source: string }[];
    expect(rows.some((r) => r.entityType === 'user' && r.kind === 'added' && r.source === 'events')).toBe(true);
  });

  it('fails with a clear line for a missing key, and exit 2 for bad arguments', async () => {
    const noKey = await cliInProcess(['sync', '--api-url', 'http://127.0.0.1:9', '--json']);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/no API key/i);
    const bad = await cliInProcess(['changes', '--since', 'yesterday-ish']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a time/);
  });
});
