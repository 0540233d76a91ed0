/**
 * How a full sync writes the cache: named operations (write-ops.ts) that run in order, either
 * on a writer thread of the sync's own (host.ts: the production default, so applying a whole
 * directory never stalls the thread that paces and sends requests) or inline on a connection
 * (tests that need to reach into that connection, or when no writer thread can start).
 */
import type { WritableDB } from '../db-types.ts';
import { runWriteOp, type WriteOpArgs, type WriteOpName, type WriteOpResult } from './write-ops.ts';

export interface WriterWork {
  busyMs: number;
  cpuMs: number | null;
  heapPeakBytes: number | null;
}

export interface CacheWrites {
  /** Where the operations run: "writer thread", or "inline (why)". */
  readonly where: string;
  /** Runs `op` after every operation called before it; resolves with its result. */
  call<K extends WriteOpName>(op: K, ...args: WriteOpArgs<K>): Promise<WriteOpResult<K>>;
  /** Operations called and not yet finished. */
  readonly backlog: number;
  /** Resolves once no more than `n` operations are waiting. */
  whenBacklogAtMost(n: number): Promise<void>;
  /**
   * What the writer thread has done so far: ms busy on the wall clock, and after `close` its CPU
   * ms (null where unknown) and the most physical memory its JavaScript heap held (null before);
   * null when writing inline.
   */
  work(): WriterWork | null;
  /** Finishes what was called, then releases the connection (a thread's own) and the thread. */
  close(): Promise<void>;
}

/** Operations run at once on `db`, on the caller's thread. */
export function inlineCacheWrites(db: WritableDB, where = 'inline'): CacheWrites {
  return {
    where,
    call<K extends WriteOpName>(op: K, ...args: WriteOpArgs<K>): Promise<WriteOpResult<K>> {
      try {
        return Promise.resolve(runWriteOp(db, op, args) as WriteOpResult<K>);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    backlog: 0,
    whenBacklogAtMost: () => Promise.resolve(),
    work: () => null,
    close: () => Promise.resolve(),
  };
}
