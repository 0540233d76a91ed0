/**
 * `npm start` owns its children: a signal to the process `npm start` runs (scripts/start.mjs)
 * ends the web console it started, and everything that one started, within 5 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, isAlive } from '../../support/process-tree.ts';

const projectRoot = join(import.meta.dirname, '..', '..', '..');
const started: { child: ChildProcess; dataDir: string }[] = [];

afterEach(() => {
  for (const { child, dataDir } of started.splice(0)) {
    // If the test failed, leave nothing behind: the test started start.mjs in its own group.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function startConsole(): Promise<ChildProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsync-start-'));
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--port', '0', '--data-dir', dataDir], {
    cwd: projectRoot,
    env: { ...process.env, DSYNC_FORCE_WEB: '1', DSYNC_CONSOLE_NO_AUTOSYNC: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push({ child, dataDir });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/web console: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before its link:\n${output}`)));
  });
  return child;
}

/** Resolves once none of `pids` is alive; rejects naming the survivors after `ms`. */
function allGone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const alive = pids.filter(isAlive);
      if (alive.length === 0) resolve();
      else if (Date.now() > deadline) reject(new Error(`still running after ${ms} ms: ${alive.join(', ')}`));
      else setTimeout(check, 20);
    };
    check();
  });
}

describe.skipIf(process.platform !== 'linux')('npm start and signals', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} to start.mjs ends the web console and every child within 5 s`, async () => {
      const start = await startConsole();
      const tree = descendantsOf(start.pid!);
      expect(tree.length).toBeGreaterThan(0); // the web console itself at least
      const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
      process.kill(start.pid!, signal);
      await allGone([start.pid!, ...tree], 5000);
      // 0: the console closed by itself within the grace period (1 would mean it had to be killed).
      expect(await exited).toBe(0);
      // Nothing new was started meanwhile either.
      expect(descendantsOf(start.pid!).filter(isAlive)).toEqual([]);
    }, 30_000);
  }

  it('start.mjs killed outright (SIGKILL) still leaves nothing running', async () => {
    const start = await startConsole();
    const tree = descendantsOf(start.pid!);
    expect(tree.length).toBeGreaterThan(1); // the launcher and the web console
    process.kill(start.pid!, 'SIGKILL');
    await allGone(tree, 5000);
  }, 30_000);
});
