/**
 * The cache writer thread: one writer connection of its own on the cache (which the core has
 * already opened and migrated), its own TEMP staging tables, and the sync's write operations
 * run one at a time in the order they were sent.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openExtraWriter } from '../connection.ts';
import { createStagingTables } from '../staging.ts';
import { lowerThreadPriority, threadCpuMs } from './thread-cpu.ts';
import { errorInfo, type CacheWriterData, type FromWriter, type ToWriter } from './protocol.ts';
import { isWriteOpName, runWriteOp } from './write-ops.ts';

const port = parentPort!;
const { dbPath } = workerData as CacheWriterData;
const send = (message: FromWriter): void => port.postMessage(message);

/**
 * WAL pages this connection's commits may leave before one of them checkpoints (the other
 * connections keep WAL_AUTOCHECKPOINT_PAGES, ~256 MB). A first sync of 100k users writes ~800 MB
 * to the WAL; checkpointing it inside the apply's commit cost ~1.4 s of a 2.5-3.1 s commit, and a
 * fleet's applies paid one such copy every few directories. Here it waits for the end of the run
 * (below) unless the WAL passes ~1 GB, so pages rewritten by several directories are copied once.
 */
const WRITER_THREAD_AUTOCHECKPOINT_PAGES = 262_144;

/**
 * This thread yields the CPU to the one that paces and sends requests: when both want a core
 * (two cores, the emulator or other work on the machine), a late send bunches requests into one
 * window (429s), while a late apply only queues pages (bounded, see StagingQueue).
 */
const WRITER_THREAD_NICE = 10;
lowerThreadPriority(WRITER_THREAD_NICE);

const db = openExtraWriter(dbPath);
db.pragma(`wal_autocheckpoint = ${WRITER_THREAD_AUTOCHECKPOINT_PAGES}`);
createStagingTables(db);

/** The most memory this thread's JavaScript heap held (physical), read after each operation. */
let heapPeakBytes = 0;
const noteHeap = (): void => {
  heapPeakBytes = Math.max(heapPeakBytes, getHeapStatistics().total_physical_size);
};

port.on('message', (message: ToWriter) => {
  if (message.type === 'close') {
    // The run is over and has everything it needs: it goes on while this thread copies the WAL
    // into the database file (PASSIVE: readers and other writers are never blocked), then ends.
    noteHeap();
    send({ type: 'closed', busyMs: performance.eventLoopUtilization().active, cpuMs: threadCpuMs(), heapPeakBytes });
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
      port.close();
    }
    return;
  }
  try {
    if (!isWriteOpName(message.op)) throw new Error(`The cache writer has no operation "${String(message.op)}".`);
    send({ type: 'result', id: message.id, ok: true, value: runWriteOp(db, message.op, message.args) });
  } catch (err) {
    send({ type: 'result', id: message.id, ok: false, error: errorInfo(err) });
  }
  noteHeap();
});
send({ type: 'ready' });
