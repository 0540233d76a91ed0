// Entry of every worker thread (sync, queries, cache writer) in a source checkout: the thread's
// body is TypeScript, so tsx is registered first (the main thread's loader hooks do not reach
// worker threads). Builds start each thread from its own bundled entry instead.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
