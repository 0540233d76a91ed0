/**
 * The real web console (`dsync-console web`) in a child process on a given data directory,
 * with automatic sync off so the screens read only what is cached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface WebConsole {
  url: string;
  launchUrl: string;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

export async function startWebConsole(dataDir: string): Promise<WebConsole> {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/dsync-console.mjs', 'web', '--no-open', '--port', '0', '--data-dir', dataDir],
    { cwd: projectRoot, env: { ...process.env, DSYNC_CONSOLE_NO_AUTOSYNC: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
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
  return {
    url: launchUrl.replace(/\?token=.*/, ''),
    launchUrl,
    spawnedAt,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A console that does not stop within 15 s (open keep-alive or SSE connections) is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
