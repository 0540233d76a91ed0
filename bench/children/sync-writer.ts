/**
 * A sync that keeps running: its own emulator (a fleet), full syncs into the given cache file
 * under fresh profiles, one after another, until killed. Prints one JSON line per phase so the
 * parent knows when writes are under way. Used to measure queries *during* a sync.
 *
 *   node --import tsx bench/children/sync-writer.ts <cachePath> <directories> <usersPerDirectory> <scale>
 */
import { startEmulator } from '../../src/emulator/index.ts';
import { openStore } from '../../src/main/store/store.ts';
import { runFullSync } from '../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import { RANDOM_SEED, fleet } from '../lib/seeds.ts';
import { ensureProfile } from '../lib/temp-store.ts';

const [path, dirsArg, usersArg, scaleArg] = process.argv.slice(2);
const directories = Number(dirsArg);
const users = Number(usersArg);
const scale = Number(scaleArg);
if (!path || !(directories > 0) || !(users > 0) || !(scale > 0)) {
  console.error('usage: sync-writer.ts <cachePath> <directories> <usersPerDirectory> <scale>');
  process.exit(2);
}
const emu = await startEmulator({
  eventsHoldBackMs: 0,
  seed: fleet(directories, users),
  randomSeed: RANDOM_SEED + 1,
  rateLimitScale: scale,
  latencyMs: 5,
});
const store = openStore(path);
let stopping = false;
const abort = new AbortController();
process.on('SIGTERM', () => {
  stopping = true;
  abort.abort();
});
for (let round = 1; !stopping; round++) {
  const profileId = `live-${process.pid}-${round}`;
  ensureProfile(store, profileId);
  const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(scale) });
  let announced = false;
  const summary = await runFullSync({
    store,
    client,
    profileId,
    signal: abort.signal,
    onProgress: (p) => {
      if (!announced && p.phase === 'users') {
        announced = true;
        console.log(JSON.stringify({ syncing: round }));
      }
    },
  });
  console.log(JSON.stringify({ round, status: summary.status, seconds: Math.round(summary.durationMs / 1000) }));
}
store.close();
await emu.close();
process.exit(0);
