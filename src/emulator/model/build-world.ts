/**
 * Turns a seed spec into a populated world. Generated data is anchored to fixed dates (not to
 * "now") so restarting the emulator with the same seed serves the same ids; only the backdated
 * recent history, which must sit inside the 30-day event window, follows the clock (by UTC day).
 */
import { hash3, hashString, createRng } from '../util/random.ts';
import { deterministicUlid, makeId } from '../util/ulid.ts';
import { PROVIDER_TYPES } from '../data/vocabulary.ts';
import { DirectoryStore } from './directory-store.ts';
import type { DirectorySpec } from './directory-spec.ts';
import type { SeedSpec } from './seed-spec.ts';
import { World } from './world.ts';
import { WorldMutator } from './mutations.ts';
import { iso, type WireOrganization } from './wire.ts';
import { runScenario } from '../scenarios/catalog.ts';

const DAY = 24 * 60 * 60 * 1000;
const EPOCH_START = Date.UTC(2023, 0, 1);
const EPOCH_END = Date.UTC(2026, 8, 1);

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'company'
  );
}

export interface BuiltWorld {
  world: World;
  mutator: WorldMutator;
}

export function buildWorld(
  seed: SeedSpec,
  opts: { randomSeed: number; now: () => number; groupsPopulated: boolean; legacyFields?: boolean },
): BuiltWorld {
  const world = new World(opts.randomSeed, opts.now, opts.groupsPopulated, opts.legacyFields ?? false);
  const mutator = new WorldMutator(world, opts.randomSeed);
  // Generated users stop a month before now, so their (absent) creation events are past retention.
  const usersUntil = Math.min(EPOCH_END, opts.now() - 31 * DAY);
  let directoryCounter = 0;
  seed.organizations.forEach((orgSeed, orgIndex) => {
    const orgCreated = EPOCH_START - (400 - orgIndex * 7) * DAY + (hash3(opts.randomSeed, orgIndex, 1) % DAY);
    const orgId = makeId('org', deterministicUlid(orgCreated, opts.randomSeed ^ 0x0f6, orgIndex));
    const domain = orgSeed.domain ?? `${slug(orgSeed.name)}.example`;
    const org: WireOrganization = {
      object: 'organization',
      id: orgId,
      name: orgSeed.name,
      domains: [
        {
          object: 'organization_domain',
          id: makeId('org_domain', deterministicUlid(orgCreated, opts.randomSeed ^ 0xd0, orgIndex)),
          organization_id: orgId,
          domain,
          state: 'verified',
          verification_strategy: 'dns',
          created_at: iso(orgCreated),
          updated_at: iso(orgCreated),
        },
      ],
      metadata: {},
      external_id: null,
      allow_profiles_outside_organization: false,
      created_at: iso(orgCreated),
      updated_at: iso(orgCreated),
    };
    world.addOrganization(org);
    orgSeed.directories.forEach((dirSeed, dirIndex) => {
      const k = directoryCounter++;
      const dirSeedValue = hash3(opts.randomSeed, orgIndex * 1000 + dirIndex, hashString(orgSeed.name));
      const dirCreated = orgCreated + (1 + dirIndex) * DAY;
      const directoryId = makeId('directory', deterministicUlid(dirCreated, opts.randomSeed ^ 0xd1, k));
      const users = dirSeed.users;
      const from = Math.min(EPOCH_START + (k % 5) * 30 * DAY, usersUntil - Math.max(2 * users, DAY));
      const spec: DirectorySpec = {
        seed: dirSeedValue,
        directoryId,
        organizationId: orgId,
        name: dirSeed.name ?? `${orgSeed.name} ${dirSeed.type ?? 'directory'}`,
        type: dirSeed.type ?? (PROVIDER_TYPES[k % PROVIDER_TYPES.length] as string),
        state: dirSeed.state ?? 'linked',
        domain: dirSeed.domain ?? domain,
        userCount: users,
        groupCount: dirSeed.groups ?? Math.max(3, Math.min(300, Math.round(Math.sqrt(users) * 1.5))),
        inactiveRate: dirSeed.inactive_rate ?? 0.03,
        missingEmailRate: dirSeed.missing_email_rate ?? 0.01,
        duplicateEmailRate: dirSeed.duplicate_email_rate ?? 0.005,
        usersFromMs: from,
        usersUntilMs: usersUntil,
        createdAtMs: dirCreated,
      };
      const store = new DirectoryStore(
        spec,
        {
          externalKey: `${slug(orgSeed.name).slice(0, 12)}-${hash3(dirSeedValue, 0, 5).toString(36)}`,
          type: spec.type,
          state: spec.state,
          name: spec.name,
          domain: spec.domain,
          createdAtMs: dirCreated,
          updatedAtMs: Math.max(dirCreated, usersUntil - (k + 1) * DAY),
        },
        world.legacyFields,
      );
      world.addDirectory(store);
    });
  });
  seedHistory(world, mutator, seed, opts);
  mutator.take();
  return { world, mutator };
}

/** Backdated scenario steps spread over the last `days` days, so /events and diffs have content. */
function seedHistory(
  world: World,
  mutator: WorldMutator,
  seed: SeedSpec,
  opts: { randomSeed: number; now: () => number },
): void {
  const steps = seed.history?.steps ?? 0;
  const days = seed.history?.days ?? 0;
  if (steps === 0) return;
  const realClock = world.clock;
  const today = Math.floor(opts.now() / DAY) * DAY;
  const start = Math.max(today - days * DAY, opts.now() - 29 * DAY);
  const span = Math.max(1, opts.now() - start - 60_000);
  const rng = createRng(opts.randomSeed ^ 0x415);
  const directoryStates = new Map(world.directories().map((d) => [d.info.id, d.info.state]));
  // History only touches linked directories, and leaves every directory's seeded state as it was.
  try {
    for (let i = 0; i < steps; i++) {
      const at = start + Math.floor(((i + rng.next()) / steps) * span);
      world.clock = () => at;
      runScenario('mixed', { world, mutator, rng });
    }
  } finally {
    world.clock = realClock;
  }
  for (const d of world.directories()) d.info.state = directoryStates.get(d.info.id) ?? d.info.state;
}
