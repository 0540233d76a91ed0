/** Messages between the core and its query worker thread. */
import type { ErrorCode } from '../../../shared/api.ts';

export interface QueryWorkerData {
  /** The cache file; the worker opens its own read-only connection on it. */
  dbPath: string;
  /** Module URL of the worker body (the boot file imports it after registering tsx if needed). */
  entry: string;
  /** Profile whose directory counts are computed at start, while the first page loads. */
  warmProfileId: string | null;
}

export interface QueryRequest {
  id: number;
  method: string;
  input: unknown;
}

export type QueryReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; code: ErrorCode | null; message: string };
