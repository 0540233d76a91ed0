/**
 * Forks the sync child, tracks what it reported, and kills it on demand.
 *
 * The child is bundled once with esbuild (packages stay external, so better-sqlite3 and the
 * SDK load from node_modules as usual): starting it then costs a quarter of the CPU that
 * `--import tsx` does, which matters when a test forks twenty of them on two cores.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, SyncChildConfig } from './sync-child.ts';

const CHILD_SOURCE = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
// Inside the repo so the bundle's bare imports resolve against the project's node_modules.
const BUNDLE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/dsync-reliability/', import.meta.url));

export interface ChildScript {
  path: string;
  execArgv: string[];
  cleanup(): void;
}

/** Bundles the child; falls back to running the TypeScript through tsx if esbuild is missing. */
export async function buildSyncChild(): Promise<ChildScript> {
  try {
    const esbuild = await import('esbuild');
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const path = `${BUNDLE_DIR}sync-child-${process.pid}.mjs`;
    await esbuild.build({
      entryPoints: [CHILD_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: path,
      logLevel: 'silent',
    });
    return { path, execArgv: [], cleanup: () => rmSync(path, { force: true }) };
  } catch {
    return { path: CHILD_SOURCE, execArgv: ['--import', 'tsx'], cleanup: () => {} };
  }
}

export interface SyncChild {
  readonly pid: number;
  /** Resolves once modules are loaded; the child has not opened the database yet. */
  readonly ready: Promise<void>;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Last phase the child reported (`idle` before `go`). */
  readonly phase: string;
  /** Set when the child reported that runFullSync returned. */
  readonly done: Extract<ChildMessage, { type: 'done' }> | null;
  readonly stderr: string;
  /** Phase changes with their times, e.g. `directories@12 users@80 …`. */
  readonly timeline: string;
  /** Resolves when the child first reports `phase` (or exits without reaching it). */
  reached(phase: string): Promise<void>;
  /** Milliseconds from `go` to the first report of `phase`, as the child measured it. */
  phaseAt(phase: string): number | null;
  go(): void;
  kill(): void;
}

export function forkSyncChild(script: ChildScript, config: SyncChildConfig): SyncChild {
  const child: ChildProcess = fork(script.path, [], {
    execArgv: script.execArgv,
    env: { ...process.env, DSYNC_SYNC_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let phase = 'idle';
  let done: Extract<ChildMessage, { type: 'done' }> | null = null;
  let stderr = '';
  const timeline: string[] = [];
  const firstSeen = new Map<string, number>();
  const waiters = new Map<string, (() => void)[]>();
  const noteFirst = (name: string, atMs: number): void => {
    if (firstSeen.has(name)) return;
    firstSeen.set(name, atMs);
    for (const wake of waiters.get(name) ?? []) wake();
    waiters.delete(name);
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const message = raw as ChildMessage;
      if (message.type === 'ready') resolve();
      else if (message.type === 'phase') {
        phase = message.phase;
        timeline.push(`${message.phase}@${Math.round(message.atMs)}`);
        noteFirst(message.phase, message.atMs);
      } else if (message.type === 'done') {
        timeline.push(`finished@${Math.round(message.atMs)}`);
        noteFirst('finished', message.atMs);
        phase = 'finished';
        done = message;
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`sync child exited before it was ready (code ${code}, signal ${signal}): ${stderr}`)),
    );
  });
  // A rejection after `ready` resolved is irrelevant; keep it from surfacing as unhandled.
  ready.catch(() => {});
  return {
    pid: child.pid ?? -1,
    ready,
    exited,
    get phase() {
      return phase;
    },
    get done() {
      return done;
    },
    get stderr() {
      return stderr;
    },
    get timeline() {
      return timeline.join(' ');
    },
    reached: (name) =>
      firstSeen.has(name)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.set(name, [...(waiters.get(name) ?? []), resolve])),
            exited.then(() => {}),
          ]),
    phaseAt: (name) => firstSeen.get(name) ?? null,
    go: () => child.send({ type: 'go' }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
