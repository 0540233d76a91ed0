/** Forks the sync child, tracks what it reported, and kills it on demand. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, SyncChildConfig } from './sync-child.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

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
  go(): void;
  kill(): void;
}

export function forkSyncChild(config: SyncChildConfig): SyncChild {
  const child: ChildProcess = fork(CHILD_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DSYNC_SYNC_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let phase = 'idle';
  let done: Extract<ChildMessage, { type: 'done' }> | null = null;
  let stderr = '';
  const timeline: string[] = [];
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
      } else if (message.type === 'done') {
        timeline.push(`finished@${Math.round(message.atMs)}`);
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
    go: () => child.send({ type: 'go' }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
