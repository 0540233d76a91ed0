/**
 * `dsync-console web --link` against a real running `dsync-console web`: a new link that works
 * once, on the console's own loopback address, while spent links stay refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWebConsole, type WebConsoleProcess } from '../../support/web-console-process.ts';

const projectRoot = join(import.meta.dirname, '..', '..', '..');
let dataDir: string;
let web: WebConsoleProcess;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/dsync-console.mjs', ...args], { cwd: projectRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dsync-weblink-'));
  web = await spawnWebConsole(dataDir, [], { DSYNC_CONSOLE_NO_AUTOSYNC: '1' });
}, 60_000);

afterAll(async () => {
  const exited = new Promise((resolve) => web.child.once('exit', resolve));
  web.child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

const open = (link: string) => fetch(link, { redirect: 'manual' });

describe('dsync-console web --link', () => {
  it('prints a new one-time link to the running console; spent links stay refused', async () => {
    expect((await open(web.launchUrl)).status).toBe(302); // the printed link, used

    const asked = await cli('web', '--link', '--no-open', '--data-dir', dataDir);
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    const link = asked.stdout.trim();
    expect(link.startsWith(`${web.url}?token=`)).toBe(true);
    expect(link).not.toBe(web.launchUrl);

    const first = await open(link);
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const api = await fetch(`${web.url}api/getAppInfo`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '',
    });
    expect(api.status).toBe(200);

    expect((await open(link)).status).toBe(401); // once only
    expect((await open(web.launchUrl)).status).toBe(401); // the old one is still spent
  }, 60_000);

  it('exits 1 naming the data dir when no console runs there', async () => {
    const elsewhere = join(dataDir, 'other');
    const asked = await cli('web', '--link', '--no-open', '--data-dir', elsewhere);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toMatch(/^error: no web console is running on .*other/);
  }, 60_000);

  it('refuses --link with --port, which only a new console could use', async () => {
    const asked = await cli('web', '--link', '--port', '8080', '--data-dir', dataDir);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/cannot be used with/);
  }, 60_000);
});
