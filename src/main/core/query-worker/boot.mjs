// Entry of the query worker thread. From source the body is TypeScript, so tsx is registered
// first (the main thread's loader hooks do not reach worker threads).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
