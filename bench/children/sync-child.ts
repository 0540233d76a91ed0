/**
 * One full sync in a process of its own, so its peak RSS is the sync's alone (the emulator
 * runs in the parent). Prints one JSON line with the summary and the process's peak RSS.
 *
 *   node --import tsx bench/children/sync-child.ts <baseUrl> <apiKey> <scale> <cachePath>
 */
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
let phase = 'start';
const sample = (): void => {
  const rss = process.memoryUsage.rss();
  if (rss > peakSampled) {
    peakSampled = rss;
    peakPhase = phase;
    peakHeapBytes = process.memoryUsage().heapUsed;
  }
};
const timer = setInterval(sample, 100);
const summary = await runFullSync({
  store,
  client,
  profileId: 'bench',
  onProgress: (p) => {
    phase = p.phase;
    sample();
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
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakSampledPhase: peakPhase,
      peakSampledHeapBytes: peakHeapBytes,
    },
  }),
);
