/** Starting the emulator for a data set with the run's latency and rate-limit scale. */
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import type { BenchArgs } from './args.ts';
import { RANDOM_SEED, fleet, oneLargeDirectory } from './seeds.ts';
import type { Sizes } from './sizes.ts';

export function startLargeEmulator(args: BenchArgs, sizes: Sizes): Promise<RunningEmulator> {
  return startEmulator({
    seed: oneLargeDirectory(sizes.large.users, sizes.large.groups),
    randomSeed: RANDOM_SEED,
    rateLimitScale: args.scale,
    latencyMs: args.latencyMs,
    groupsPopulated: false,
  });
}

export function startFleetEmulator(args: BenchArgs, sizes: Sizes): Promise<RunningEmulator> {
  return startEmulator({
    seed: fleet(sizes.fleet.directories, sizes.fleet.users),
    randomSeed: RANDOM_SEED,
    rateLimitScale: args.scale,
    latencyMs: args.latencyMs,
    groupsPopulated: false,
  });
}
