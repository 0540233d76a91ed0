/**
 * Issue 15's check through the CLI a support engineer would use: after the customer unlinks a
 * directory (`dsync.deactivated`), the next `sync` (an events sync) makes
 * `directories --format json` say unlinked with a critical health, without a full reconcile.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { runCli } from '../../../src/main/cli/main.ts';
import { tempDir } from '../../unit/store/helpers.ts';

let emu: RunningEmulator;
let dir: { dir: string; cleanup: () => void };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  process.env.WORKOS_API_KEY = emu.apiKey;
  try {
    const code = await runCli([...args, '--api-url', emu.url, '--data-dir', dir.dir], {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    delete process.env.WORKOS_API_KEY;
    process.exitCode = undefined;
  }
}

interface Listing {
  id: string;
  state: string;
  health: { level: string; reasons: string[] };
}

async function listing(): Promise<Listing[]> {
  const res = await cli(['directories', '--format', 'json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as Listing[];
}

beforeAll(async () => {
  emu = await startEmulator({ seed: 'small', users: 20, directories: 2, rateLimitScale: 50, eventsHoldBackMs: 0 });
  dir = tempDir();
  const first = await cli(['sync', '--json']);
  expect(first.code, first.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

describe('directories after an unlink', () => {
  it('an events sync shows the directory unlinked and its health critical', async () => {
    const id = emu.control.truth().directories[0]!.id;
    expect((await listing()).find((d) => d.id === id)).toMatchObject({ state: 'linked' });
    emu.control.step('directory_unlink', { directoryId: id });

    const res = await cli(['sync', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout) as { events: { applied: number } | null };
    expect(summary.events?.applied).toBe(1);

    const dir = (await listing()).find((d) => d.id === id)!;
    expect(dir.state).toBe('unlinked');
    expect(dir.health.level).toBe('critical');
    expect(dir.health.reasons.join(' ')).toMatch(/unlinked/i);
  });
});
