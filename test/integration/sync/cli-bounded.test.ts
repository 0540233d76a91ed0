/**
 * `dsync-console sync` against a server that accepts and never answers: a line per retry on
 * stderr ("waiting for WorkOS (GET /directories), attempt 2 of 3…") and a clear failure with
 * exit status 1 within the bound set by --request-timeout / --request-attempts.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../unit/store/helpers.ts';

const bin = fileURLToPath(new URL('../../../bin/dsync-console.mjs', import.meta.url));
let server: Server;
let url: string;
let dir: { dir: string; cleanup: () => void };
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer(() => {
    // accept, never answer
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = tempDir();
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  dir.cleanup();
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, '--data-dir', dir.dir],
      { env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('sync against a server that never answers', () => {
  it('prints each wait and fails clearly within the bound', async () => {
    const res = await cli(['sync', '--api-url', url, '--request-timeout', '300', '--request-attempts', '3'], {
      WORKOS_API_KEY: 'sk_test_hanging',
    });
    expect(res.code).toBe(1);
    const waits = res.stderr.split('\n').filter((l) => l.startsWith('waiting for WorkOS'));
    expect(waits).toEqual([
      expect.stringMatching(/^waiting for WorkOS \(GET \/directories\), attempt 2 of 3… \(no answer within 0\.3 s/),
      expect.stringMatching(/^waiting for WorkOS \(GET \/directories\), attempt 3 of 3…/),
    ]);
    expect(res.stdout + res.stderr).toMatch(/did not answer \/directories in time.*Gave up after 3 attempts/);
  });

  it('rejects a malformed --request-timeout with a usage message', async () => {
    const res = await cli(['sync', '--api-url', url, '--request-timeout', 'soon'], { WORKOS_API_KEY: 'sk_test_x' });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/--request-timeout must be a whole number of ms/);
  });
});
