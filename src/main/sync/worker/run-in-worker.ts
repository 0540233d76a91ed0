/**
 * The core's side of the sync worker: one long-lived worker thread (started on first use),
 * jobs sent to it by id, progress/changes/outcome relayed back to the caller.
 */
import { Worker } from 'node:worker_threads';
import type { SyncProgress } from '../../../shared/api.ts';
import { SYNC_THREAD_LIMITS } from '../../thread-limits.ts';
import type { SyncOutcome } from '../sync-service.ts';
import type { FromWorker, SyncJob, SyncWorkerData } from './protocol.ts';

/** The worker thread itself failed (could not start, crashed), as opposed to a sync failing. */
export class SyncWorkerCrashError extends Error {
  override readonly name = 'SyncWorkerCrashError';
}

export interface WorkerRun {
  done: Promise<SyncOutcome>;
  cancel(): void;
}

interface Pending {
  resolve(outcome: SyncOutcome): void;
  reject(err: Error): void;
  onProgress?: (p: SyncProgress) => void;
  onDataChanged?: (tables: string[]) => void;
}

// From source (tsx), a small boot file registers tsx in the worker first; in the Electron
// build, electron-vite emits the worker as its own entry (out/main/sync-worker.js), next to
// the bundle this code lives in, and it starts directly.
const fromSource = import.meta.url.endsWith('.ts');
const boot = fromSource
  ? new URL('../../thread-boot.mjs', import.meta.url)
  : new URL('./sync-worker.js', import.meta.url);
const entry = new URL(`./sync-worker${fromSource ? '.ts' : '.js'}`, import.meta.url).href;

export class SyncWorkerHost {
  private worker: Worker | null = null;
  private nextJobId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: SyncWorkerData = { entry };
    const worker = new Worker(boot, { workerData: data, resourceLimits: SYNC_THREAD_LIMITS });
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const p = this.pending.get(message.jobId);
      if (!p) return;
      if (message.type === 'progress') p.onProgress?.(message.progress);
      else if (message.type === 'dataChanged') p.onDataChanged?.(message.tables);
      else {
        this.pending.delete(message.jobId);
        if (message.type === 'done') p.resolve(message.outcome);
        else p.reject(new Error(message.message));
      }
    });
    const failAll = (err: Error): void => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) =>
      failAll(new SyncWorkerCrashError(`the sync worker failed: ${err.message}`, { cause: err })),
    );
    worker.on('exit', (code) =>
      failAll(new SyncWorkerCrashError(`the sync worker stopped unexpectedly (exit ${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  run(
    job: SyncJob,
    handlers: { onProgress?: (p: SyncProgress) => void; onDataChanged?: (tables: string[]) => void },
  ): WorkerRun {
    const worker = this.ensureWorker();
    const jobId = this.nextJobId++;
    const done = new Promise<SyncOutcome>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject, ...handlers });
    });
    worker.postMessage({ type: 'run', jobId, job });
    return { done, cancel: () => worker.postMessage({ type: 'cancel', jobId }) };
  }

  /** Drops a deleted profile's clients in the worker (nothing to do if it never started). */
  forget(profileId: string): void {
    this.worker?.postMessage({ type: 'forget', profileId });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
