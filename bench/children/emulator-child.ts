/**
 * The emulator in a process of its own, as WorkOS is remote: while the console applies one
 * page (or a whole directory) synchronously, this process keeps answering the next request,
 * and the console's CPU is measured apart from the server's. Controlled over its
 * `/_emulator/*` HTTP surface. Prints one JSON line `{"ready": {url, apiKey, pid}}`, then serves
 * until stopped.
 *
 *   node --import tsx bench/children/emulator-child.ts <directories> <usersPerDirectory> <scale> <latencyMs> [large:<groups>]
 *
 * Without the last argument the data set is `fleet(directories, usersPerDirectory)`; with
 * `large:<groups>` it is `oneLargeDirectory(usersPerDirectory, groups)` (directories must be 1).
 * Same seed functions and random seed as the in-process emulators, so the data is identical.
 */
import { startEmulator } from '../../src/emulator/index.ts';
import { RANDOM_SEED, fleet, oneLargeDirectory } from '../lib/seeds.ts';

const [directories, usersPerDirectory, scale, latencyMs] = process.argv.slice(2, 6).map(Number);
const shape = process.argv[6];
const largeGroups = shape?.startsWith('large:') ? Number(shape.slice('large:'.length)) : null;
if (
  !(directories! > 0) ||
  !(usersPerDirectory! > 0) ||
  !(scale! > 0) ||
  !(latencyMs! >= 0) ||
  (shape !== undefined && !(largeGroups !== null && largeGroups > 0 && directories === 1))
) {
  console.error('usage: emulator-child.ts <directories> <usersPerDirectory> <scale> <latencyMs> [large:<groups>]');
  process.exit(2);
}
const emu = await startEmulator({
  eventsHoldBackMs: 0,
  seed:
    largeGroups !== null ? oneLargeDirectory(usersPerDirectory!, largeGroups) : fleet(directories!, usersPerDirectory!),
  randomSeed: RANDOM_SEED,
  rateLimitScale: scale!,
  latencyMs: latencyMs!,
  groupsPopulated: false,
});
console.log(JSON.stringify({ ready: { url: emu.url, apiKey: emu.apiKey, pid: process.pid } }));
const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
