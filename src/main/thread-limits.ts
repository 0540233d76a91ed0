/**
 * V8 heap limits of the threads a sync runs on (Worker `resourceLimits`). Memory is a target
 * (a full sync of 1M users in ≤ 500 MB of RSS, issue 17), and V8's defaults are sized for
 * throughput: a 16 MB semi-space (32 MB of young generation committed per thread once
 * allocation is brisk) and an old generation allowed to grow to several times what is live
 * before it is collected. Both threads allocate at a steady rate (parsed pages, staged rows)
 * and keep little, so smaller limits cost a few more collections and save resident memory.
 *
 * The old generation cap is a hard ceiling (past it the thread is stopped, and the sync fails
 * with a message), so it is set well above what a sync keeps: no list of every user
 * (directory-sync.ts), pages released once staged, and the writer's backlog bounded
 * (staging-queue.ts). V8 starts collecting harder as the heap nears it.
 */
import type { ResourceLimits } from 'node:worker_threads';

/** The sync worker (src/main/sync/worker): requests, JSON, staged rows computed per page. */
export const SYNC_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 };

/** The sync's cache writer thread (src/main/store/writer-thread): rows in, SQL out. */
export const WRITER_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 };

/**
 * The same limits as flags of a whole Node process (a bench child that runs the sync on its
 * main thread): V8's young generation is three semi-spaces' worth.
 */
export function nodeFlagsFor(limits: ResourceLimits): string[] {
  const flags: string[] = [];
  if (limits.maxYoungGenerationSizeMb)
    flags.push(`--max-semi-space-size=${Math.max(1, Math.floor(limits.maxYoungGenerationSizeMb / 3))}`);
  if (limits.maxOldGenerationSizeMb) flags.push(`--max-old-space-size=${limits.maxOldGenerationSizeMb}`);
  return flags;
}
