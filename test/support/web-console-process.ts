/**
 * Starts the real web console (`dsync-console web`, the CLI as users run it) in a child process
 * and waits for the one-time link it prints. Shared by the Playwright fixtures and the UI bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');

export interface WebConsoleProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The one-time launch link the CLI printed. */
  launchUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export async function spawnWebConsole(
  dataDir: string,
  extraArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<WebConsoleProcess> {
  const child = spawn(
    process.execPath,
    ['bin/dsync-console.mjs', 'web', '--no-open', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`web console exited (${code}) before printing its link:\n${output.slice(-2000)}`)),
    );
  });
  return { child, url: launchUrl.replace(/\?token=.*/, ''), launchUrl, output: () => output };
}
