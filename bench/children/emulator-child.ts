/**
 * The emulator in a process of its own, for scenarios where the console must not share its
 * event loop with the server (as with the real WorkOS): while the console applies one page
 * synchronously, this process keeps answering the next request. Controlled over its
 * `/_emulator/*` HTTP surface. Prints one JSON line `{"ready": {url, apiKey}}`, then serves
 * until stopped.
 *
 *   node --import tsx bench/children/emulator-child.ts <directories> <usersPerDirectory> <scale> <latencyMs>
 */
import { startEmulator } from '../../src/emulator/index.ts';
import { RANDOM_SEED, fleet } from '../lib/seeds.ts';

const [directories, usersPerDirectory, scale, latencyMs] = process.argv.slice(2).map(Number);
if (!(directories! > 0) || !(usersPerDirectory! > 0) || !(scale! > 0) || !(latencyMs! >= 0)) {
  console.error('usage: emulator-child.ts <directories> <usersPerDirectory> <scale> <latencyMs>');
  process.exit(2);
}
const emu = await startEmulator({
  seed: fleet(directories!, usersPerDirectory!),
  randomSeed: RANDOM_SEED,
  rateLimitScale: scale!,
  latencyMs: latencyMs!,
});
console.log(JSON.stringify({ ready: { url: emu.url, apiKey: emu.apiKey } }));
const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
