/**
 * Issue 15's check through the CLI a support engineer would use: after the customer unlinks a
 * directory (`dsync.deactivated`), the next `sync` (an events sync) makes
 * `directories --format json` say unlinked with a critical health, without a full reconcile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { tempDir } from '../../unit/store/helpers.ts';
import { cliInProcess, type CliResult } from './support/cli-in-process.ts';

let emu: RunningEmulator;
let dir: { dir: string; cleanup: () => void };

async function cli(args: string[]): Promise<CliResult> {
  process.env.WORKOS_API_KEY = emu.apiKey;
  try {
    return await cliInProcess(args, emu.url, dir.dir);
  } finally {
    delete process.env.WORKOS_API_KEY;
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
