/**
 * The data sets, as emulator seed specs. Group sizes come from the emulator's generator, which
 * draws team and app groups from a Zipf distribution (a few huge groups, a long tail of small
 * ones), so "skewed sizes" is the generator's own. Seeds carry no backdated history so every
 * compared method sees exactly the same directories.
 */
import type { SeedSpec } from '../../src/emulator/index.ts';

export const RANDOM_SEED = 7;

export function oneLargeDirectory(users: number, groups: number): SeedSpec {
  return {
    organizations: [
      {
        name: 'Massive Dynamic',
        directories: [{ name: 'Massive Dynamic Okta', type: 'okta scim v2.0', users, groups }],
      },
    ],
    history: { steps: 0, days: 0 },
  };
}

/** `directories` organisations with one directory of `users` each; group count left to the generator. */
export function fleet(directories: number, users: number, groups?: number): SeedSpec {
  return {
    organizations: Array.from({ length: directories }, (_, i) => ({
      name: `Customer ${String(i + 1).padStart(3, '0')}`,
      directories: [{ users, ...(groups !== undefined ? { groups } : {}) }],
    })),
    history: { steps: 0, days: 0 },
  };
}
