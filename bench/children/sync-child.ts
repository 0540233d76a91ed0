/**
 * One full sync in a process of its own, so its peak RSS is the sync's alone (the emulator
 * runs in the parent). Prints one JSON line with the summary and the process's peak RSS.
 *
 *   node --import tsx bench/children/sync-child.ts <baseUrl> <apiKey> <scale> <cachePath>
 *
 * With `DSYNC_BENCH_HEAP_SNAPSHOT=<dir>` it writes a heap snapshot of the sync's thread the
 * first time the sync enters phase `DSYNC_BENCH_HEAP_SNAPSHOT_PHASE` (default `applying`: every
 * page has been listed, so what the listing keeps is all there; the phase issue 17 saw the 1M
 * peak in, `users`, ends there). The snapshot itself costs memory, so the peak the run reports
 * then is the one before it (`bench/heap-summary.ts` summarises the file).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { openStore } from '../../src/main/store/store.ts';
import { runFullSync } from '../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import { ensureProfile } from '../lib/temp-store.ts';

const [baseUrl, apiKey, scaleArg, cachePath] = process.argv.slice(2);
const scale = Number(scaleArg);
if (!baseUrl || !apiKey || !(scale > 0) || !cachePath) {
  console.error('usage: sync-child.ts <baseUrl> <apiKey> <scale> <cachePath>');
  process.exit(2);
}
const store = openStore(cachePath);
ensureProfile(store, 'bench');
const client = new WorkosClient({ apiKey, baseUrl, rateLimits: scaledRateLimits(scale) });
// RSS sampled as the sync runs, to say in which phase the peak happens.
let peakPhase = 'start';
let peakSampled = 0;
// The JavaScript heap at the sampled peak: what grows with the data held in JS, as opposed to
// native memory (SQLite's page caches, capped by cache_size) and the runtime's fixed share.
let peakHeapBytes = 0;
// The rest of the main thread's reading at that moment (heap reserved, Buffers and other external memory).
let peakMemory: NodeJS.MemoryUsage | null = null;
let phase = 'start';
const sample = (): void => {
  const rss = process.memoryUsage.rss();
  if (snapshotAtBytes && !snapshot && process.memoryUsage().heapUsed > snapshotAtBytes) takeSnapshot();
  if (rss > peakSampled) {
    peakSampled = rss;
    peakPhase = phase;
    peakMemory = process.memoryUsage();
    peakHeapBytes = peakMemory.heapUsed;
  }
};
const snapshotDir = process.env.DSYNC_BENCH_HEAP_SNAPSHOT?.trim() || null;
const snapshotPhase = process.env.DSYNC_BENCH_HEAP_SNAPSHOT_PHASE?.trim() || 'applying';
/**
 * With `DSYNC_BENCH_HEAP_SNAPSHOT_AT_MB=N` the snapshot is taken instead the first time the
 * sampled JavaScript heap passes N MB: near the peak, where a phase's start can be long before it.
 */
const snapshotAtBytes = Number(process.env.DSYNC_BENCH_HEAP_SNAPSHOT_AT_MB) * 1024 * 1024 || null;
const snapshotLabel = snapshotAtBytes ? `heap-over-${snapshotAtBytes / 1024 / 1024}MB` : snapshotPhase;
let snapshot: { path: string; phase: string; heapUsedBefore: number; peakRssBefore: number } | null = null;
const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;
const takeSnapshot = (): void => {
  if (!snapshotDir || snapshot) return;
  mkdirSync(snapshotDir, { recursive: true });
  const heapUsedBefore = process.memoryUsage().heapUsed;
  const peakRssBefore = maxRssBytes();
  const path = writeHeapSnapshot(join(snapshotDir, `sync-${snapshotLabel}-${process.pid}.heapsnapshot`));
  snapshot = { path, phase: `${snapshotLabel} (in phase ${phase})`, heapUsedBefore, peakRssBefore };
};
const timer = setInterval(sample, 100);
const summary = await runFullSync({
  store,
  client,
  profileId: 'bench',
  onProgress: (p) => {
    phase = p.phase;
    sample();
    if (!snapshotAtBytes && p.phase === snapshotPhase) takeSnapshot();
  },
  onDataChanged: () => sample(),
});
clearInterval(timer);
sample();
store.close();
console.log(
  JSON.stringify({
    result: {
      status: summary.status,
      error: summary.error,
      seconds: summary.durationMs / 1000,
      users: summary.directories.reduce((n, d) => n + d.users, 0),
      memberships: summary.directories.reduce((n, d) => n + d.memberships, 0),
      requests: summary.requests,
      // Kernel's high-water mark for this process (resourceUsage reports kilobytes).
      // With a snapshot taken this includes what writing it cost; `heapSnapshot` has the mark before it.
      peakRssBytes: maxRssBytes(),
      heapSnapshot: snapshot,
      peakSampledPhase: peakPhase,
      peakSampledHeapBytes: peakHeapBytes,
      peakSampledMemory: peakMemory,
      // The writer thread's own JavaScript heap at its largest (it is part of the RSS above).
      writerHeapPeakBytes: summary.writerWork?.heapPeakBytes ?? null,
      writer: summary.writer,
      // CPU of the whole process (both threads), seconds: what the heap limits may cost in collections.
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    },
  }),
);
