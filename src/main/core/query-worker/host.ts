/**
 * The core's side of the query worker: one worker thread started with the core, requests by
 * id, and a clear "unavailable" when the thread cannot run (no worker entry in a build, a crash)
 * so the caller answers on its own thread instead of failing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConsoleError } from '../../../shared/api.ts';
import type { QueryReply, QueryRequest, QueryWorkerData } from './protocol.ts';

export class QueryWorkerUnavailableError extends Error {
  override readonly name = 'QueryWorkerUnavailableError';
}

// From source (tsx) a boot file registers tsx in the thread first; from the CLI bundle the
// worker is its own entry next to the bundle (bin/cli-bundle.mjs builds it).
const fromSource = import.meta.url.endsWith('.ts');
const entry = new URL(fromSource ? './query-worker.ts' : './query-worker.js', import.meta.url);
const boot = fromSource ? new URL('../../thread-boot.mjs', import.meta.url) : entry;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class QueryWorkerHost {
  private worker: Worker | null = null;
  private unavailable: string | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(dbPath: string, warmProfileId: string | null) {
    if (!existsSync(fileURLToPath(entry))) {
      this.unavailable = `no query worker at ${fileURLToPath(entry)}`;
      return;
    }
    const data: QueryWorkerData = { dbPath, entry: entry.href, warmProfileId };
    const worker = new Worker(boot, { workerData: data });
    worker.unref();
    worker.on('message', (reply: QueryReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(reply.code ? new ConsoleError(reply.code, reply.message) : new Error(reply.message));
    });
    const fail = (reason: string): void => {
      this.unavailable = reason;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new QueryWorkerUnavailableError(reason));
      this.pending.clear();
    };
    worker.on('error', (err) => fail(`the query worker failed: ${err.message}`));
    worker.on('exit', (code) => fail(`the query worker exited (${code})`));
    this.worker = worker;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Why queries run on the core's thread instead, or null while the worker serves them. */
  get unavailableReason(): string | null {
    return this.unavailable;
  }

  call(method: string, input: unknown): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new QueryWorkerUnavailableError(this.unavailable ?? 'closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, input } satisfies QueryRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.unavailable = 'closed';
    if (worker) await worker.terminate();
  }
}

/** A request that waited this long behind busy workers starts another one. */
const GROW_AFTER_WAIT_MS = 150;
/** The second worker starts this long after the pool at the latest, before a long query needs it. */
const GROW_AFTER_START_MS = 5000;

/**
 * Two query workers, each with its own connection: a long query (a diff of 100k changes takes
 * seconds at 1M users) keeps one busy while the other answers the next screen. Each worker gets
 * one request at a time from a shared queue, so nothing waits behind a long query while the
 * other worker is free. The first worker counts the directories at start.
 *
 * Only the first worker starts with the pool. Loading a worker costs a few hundred ms of CPU,
 * and at a cold start that CPU is the browser's: the first screen's two quick calls answer
 * sooner one after the other on the warmed worker than one of them on a second worker that is
 * still loading, with counts it has not made yet. The second starts when a request is still
 * waiting behind busy workers GROW_AFTER_WAIT_MS after it queued (a long query is running), or
 * GROW_AFTER_START_MS after the pool started, whichever comes first.
 */
export class QueryWorkerPool {
  private readonly hosts: QueryWorkerHost[];
  private readonly queue: { method: string; input: unknown; resolve(v: unknown): void; reject(e: Error): void }[] = [];
  private startTimer: NodeJS.Timeout | null = null;
  private waitTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private readonly size: number;
  private readonly growAfterWaitMs: number;

  constructor(
    private readonly dbPath: string,
    warmProfileId: string | null,
    options: { size?: number; growAfterWaitMs?: number; growAfterStartMs?: number } = {},
  ) {
    this.size = options.size ?? 2;
    this.growAfterWaitMs = options.growAfterWaitMs ?? GROW_AFTER_WAIT_MS;
    this.hosts = [new QueryWorkerHost(dbPath, warmProfileId)];
    if (this.size > 1) {
      this.startTimer = setTimeout(() => this.grow(), options.growAfterStartMs ?? GROW_AFTER_START_MS);
      this.startTimer.unref();
    }
  }

  /** Workers started so far. */
  get workers(): number {
    return this.hosts.length;
  }

  private grow(): void {
    if (this.closed || this.hosts.length >= this.size) return;
    this.hosts.push(new QueryWorkerHost(this.dbPath, null));
    if (this.hosts.length >= this.size) this.clearTimers();
    this.pump();
  }

  /** A request waits behind busy workers: if it still waits after GROW_AFTER_WAIT_MS, grow. */
  private growIfStillWaiting(): void {
    if (this.waitTimer || this.closed || this.hosts.length >= this.size) return;
    this.waitTimer = setTimeout(() => {
      this.waitTimer = null;
      if (this.queue.length > 0) this.grow();
    }, this.growAfterWaitMs);
    this.waitTimer.unref();
  }

  private clearTimers(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.startTimer = null;
    this.waitTimer = null;
  }

  get unavailableReason(): string | null {
    return this.hosts.every((h) => h.unavailableReason !== null) ? this.hosts[0]!.unavailableReason : null;
  }

  call(method: string, input: unknown): Promise<unknown> {
    const reason = this.unavailableReason;
    if (reason !== null) return Promise.reject(new QueryWorkerUnavailableError(reason));
    return new Promise((resolve, reject) => {
      this.queue.push({ method, input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const host of this.hosts) {
      if (this.queue.length === 0) return;
      if (host.unavailableReason !== null || host.inFlight > 0) continue;
      const job = this.queue.shift()!;
      host
        .call(job.method, job.input)
        .then(job.resolve, (err: Error) => {
          // A worker that died mid-request: another one may still take it.
          if (err instanceof QueryWorkerUnavailableError && this.unavailableReason === null) {
            this.queue.unshift(job);
          } else job.reject(err);
        })
        .finally(() => this.pump());
    }
    if (this.queue.length > 0 && this.unavailableReason === null) this.growIfStillWaiting();
    if (this.queue.length > 0 && this.unavailableReason !== null) {
      const error = new QueryWorkerUnavailableError(this.unavailableReason);
      for (const job of this.queue.splice(0)) job.reject(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    await Promise.all(this.hosts.map((h) => h.close()));
    const error = new QueryWorkerUnavailableError('closed');
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}
