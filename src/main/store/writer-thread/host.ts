/**
 * The sync's side of its cache writer thread: operations are posted in order, each answered by
 * id. Opening waits for the thread to be ready and falls back to writing inline on the store's
 * own writer connection when no thread can run (a build without the entry, an in-memory cache,
 * a thread that failed to start), so a sync never fails for want of a thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WRITER_THREAD_LIMITS } from '../../thread-limits.ts';
import type { Store } from '../store.ts';
import { inlineCacheWrites, type CacheWrites } from './cache-writes.ts';
import { errorFromInfo, type CacheWriterData, type FromWriter, type ToWriter } from './protocol.ts';
import type { WriteOpArgs, WriteOpName, WriteOpResult } from './write-ops.ts';

// From source (tsx) a boot file registers tsx in the thread first; in a build the writer is its
// own entry next to the bundle this code is part of (electron.vite.config.ts, bin/cli-bundle.mjs).
const fromSource = import.meta.url.endsWith('.ts');
const entry = new URL(fromSource ? './cache-writer.ts' : './cache-writer.js', import.meta.url);
const boot = fromSource ? new URL('../../thread-boot.mjs', import.meta.url) : entry;

export type CacheWriterMode = 'thread' | 'inline';

/** Opens the way a sync writes `store`: its own writer thread unless `mode` says inline. */
export async function openCacheWrites(store: Store, mode: CacheWriterMode = 'thread'): Promise<CacheWrites> {
  if (mode === 'inline') return inlineCacheWrites(store.writer, 'inline (asked for)');
  if (store.path === ':memory:')
    return inlineCacheWrites(store.writer, 'inline (an in-memory cache has one connection)');
  if (!existsSync(fileURLToPath(entry))) {
    return inlineCacheWrites(store.writer, `inline (no cache writer entry at ${fileURLToPath(entry)})`);
  }
  try {
    return await startWriterThread(store.path);
  } catch (err) {
    return inlineCacheWrites(
      store.writer,
      `inline (the writer thread did not start: ${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

function startWriterThread(dbPath: string): Promise<CacheWrites> {
  const data: CacheWriterData = { dbPath, entry: entry.href };
  const worker = new Worker(boot, { workerData: data, resourceLimits: WRITER_THREAD_LIMITS });
  const pending = new Map<number, Pending>();
  const waiters: { n: number; resolve(): void }[] = [];
  let nextId = 1;
  let failure: Error | null = null;
  let exited = false;
  let lastBusyMs = 0;
  let cpuMs: number | null = null;
  let heapPeakBytes: number | null = null;
  /** The thread said what it did as it closed (its own figures replace the live reading). */
  let reported = false;
  let markReady: () => void = () => {};
  let failStart: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  const settleWaiters = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (pending.size <= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
    }
  };
  const fail = (err: Error): void => {
    failure ??= err;
    failStart(err);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    settleWaiters();
  };
  worker.on('message', (message: FromWriter) => {
    if (message.type === 'ready') return markReady();
    if (message.type === 'closed') {
      lastBusyMs = message.busyMs;
      cpuMs = message.cpuMs;
      heapPeakBytes = message.heapPeakBytes;
      reported = true;
      failure ??= new Error('The cache writer thread stopped (it was closed).');
      markClosed();
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.ok) p.resolve(message.value);
    else p.reject(errorFromInfo(message.error));
    settleWaiters();
  });
  worker.on('error', (err) => fail(new Error(`The cache writer thread failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => {
    exited = true;
    fail(new Error(`The cache writer thread stopped (exit code ${code}).`));
  });

  const post = (message: ToWriter): void => worker.postMessage(message);
  const writes: CacheWrites = {
    where: 'writer thread',
    call<K extends WriteOpName>(op: K, ...args: WriteOpArgs<K>): Promise<WriteOpResult<K>> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const result = new Promise<WriteOpResult<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      });
      post({ type: 'op', id, op, args });
      return result;
    },
    get backlog() {
      return pending.size;
    },
    whenBacklogAtMost(n: number): Promise<void> {
      if (pending.size <= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    work() {
      if (!reported && !exited) lastBusyMs = worker.performance.eventLoopUtilization().active;
      return { busyMs: lastBusyMs, cpuMs, heapPeakBytes };
    },
    async close(): Promise<void> {
      await writes.whenBacklogAtMost(0);
      if (!exited) post({ type: 'close' });
      // Not its exit: after saying it is done the thread checkpoints the WAL, off the run's path.
      await Promise.race([closed, exit]);
    },
  };
  return ready.then(
    () => writes,
    async (err: unknown) => {
      await worker.terminate();
      throw err;
    },
  );
}
