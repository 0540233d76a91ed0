/** Messages between a sync and its cache writer thread (all structured-cloneable). */
import type { WriteOpName } from './write-ops.ts';

export interface CacheWriterData {
  dbPath: string;
  entry: string;
}

export type ToWriter = { type: 'op'; id: number; op: WriteOpName; args: unknown[] } | { type: 'close' };

/** An error as it crosses the thread boundary: what describeSyncError and callers look at. */
export interface WriterErrorInfo {
  name: string;
  message: string;
  code?: string;
}

export type FromWriter =
  | { type: 'ready' }
  /**
   * The last message: ms the thread was busy, its CPU ms (null where it cannot tell), and the
   * most physical memory its JavaScript heap held (read after each operation).
   */
  | { type: 'closed'; busyMs: number; cpuMs: number | null; heapPeakBytes: number }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: WriterErrorInfo };

export function errorInfo(err: unknown): WriterErrorInfo {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The error on the caller's side: same name, message and SQLite code. */
export function errorFromInfo(info: WriterErrorInfo): Error {
  const err = new Error(info.message) as Error & { code?: string };
  err.name = info.name;
  if (info.code !== undefined) err.code = info.code;
  return err;
}
