/**
 * A team server for the e2e suite: the real CLI (`dsync-console serve`) in a child process on a
 * loopback port, signing people in through a test IdP (oidc-provider) with the given accounts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oidcConfigOf, startTestIdp, type TestAccount, type TestIdp } from '../../integration/server/support/idp.ts';

export interface TeamServerProcess {
  idp: TestIdp;
  /** e.g. http://127.0.0.1:41234/ */
  base: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startTeamServerProcess(
  accounts: Record<string, TestAccount>,
  roles: Record<string, string[]>,
  env: NodeJS.ProcessEnv = {},
): Promise<TeamServerProcess> {
  const idp = await startTestIdp(accounts);
  const dir = mkdtempSync(join(tmpdir(), 'dsync-team-e2e-'));
  const config = join(dir, 'server.json');
  writeFileSync(
    config,
    JSON.stringify({
      oidc: oidcConfigOf(idp),
      roles: { groups: roles },
    }),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/dsync-console.mjs', 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config],
    {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let base = '';
  // The IdP is registered once the server's address is known; the server retries discovery
  // until then, and logs when it reached the IdP.
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (listening && !base) {
        base = `${listening[1]}/`;
        idp.register(new URL('/auth/callback', base).href);
      }
      if (output.includes('"msg":"identity provider reached"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${output.slice(-2000)}`)));
  });
  return {
    idp,
    base,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await idp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
