/** `dsync-console emulator`: --json prints one line and serves until killed; bad flags exit 2. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';

const bin = fileURLToPath(new URL('../../../bin/dsync-console.mjs', import.meta.url));

function run(args: string[]) {
  return spawn(process.execPath, [bin, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('dsync-console emulator', () => {
  it('--json prints {url, apiKey, webhookSecret} on one line, serves the API, and stops on SIGTERM', async () => {
    const child = run([
      '--seed',
      'small',
      '--users',
      '7',
      '--directories',
      '1',
      '--json',
      '--faults',
      'latency=1',
      '--api-key',
      'sk_test_cli',
    ]);
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(first) as { url: string; apiKey: string; webhookSecret: string };
    expect(Object.keys(info)).toEqual(['url', 'apiKey', 'webhookSecret']);
    expect(info.apiKey).toBe('sk_test_cli');
    expect(info.webhookSecret).toMatch(/^whsec_/);
    const res = await fetch(`${info.url}/directories`, { headers: { Authorization: `Bearer ${info.apiKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { metadata: { users: { active: number; inactive: number } } }[] };
    expect(body.data).toHaveLength(1);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });

  it.each([
    [['--seed', 'nowhere.json'], /neither demo, small, large nor an existing JSON seed file/],
    [['--faults', 'explode=1'], /Unknown fault "explode"/],
    [['--scenario', 'teleport'], /Unknown scenario "teleport"/],
    [['--port', 'abc'], /not a port number/],
  ])('rejects %j with exit 2 and one line', async (args, message) => {
    let stderr = '';
    const code = await runCli(['emulator', ...args], { out: () => {}, err: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
