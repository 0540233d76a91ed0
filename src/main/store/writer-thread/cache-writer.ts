/**
 * The cache writer thread: one writer connection of its own on the cache (which the core has
 * already opened and migrated), its own TEMP staging tables, and the sync's write operations
 * run one at a time in the order they were sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openExtraWriter } from '../connection.ts';
import { createStagingTables } from '../staging.ts';
import { threadCpuMs } from './thread-cpu.ts';
import { errorInfo, type CacheWriterData, type FromWriter, type ToWriter } from './protocol.ts';
import { isWriteOpName, runWriteOp } from './write-ops.ts';

const port = parentPort!;
const { dbPath } = workerData as CacheWriterData;
const send = (message: FromWriter): void => port.postMessage(message);

const db = openExtraWriter(dbPath);
createStagingTables(db);

port.on('message', (message: ToWriter) => {
  if (message.type === 'close') {
    db.close();
    send({ type: 'closed', busyMs: performance.eventLoopUtilization().active, cpuMs: threadCpuMs() });
    port.close();
    return;
  }
  try {
    if (!isWriteOpName(message.op)) throw new Error(`The cache writer has no operation "${String(message.op)}".`);
    send({ type: 'result', id: message.id, ok: true, value: runWriteOp(db, message.op, message.args) });
  } catch (err) {
    send({ type: 'result', id: message.id, ok: false, error: errorInfo(err) });
  }
});
send({ type: 'ready' });
