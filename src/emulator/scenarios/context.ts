/** Helpers scenarios share: deterministic picks of directories, users and groups. */
import type { Rng } from '../util/random.ts';
import type { DirectoryStore, GroupRecord } from '../model/directory-store.ts';
import type { WorldMutator } from '../model/mutations.ts';
import type { World } from '../model/world.ts';

export interface ScenarioContext {
  world: World;
  mutator: WorldMutator;
  rng: Rng;
  /** Restrict the step to one directory (tests); otherwise a linked directory is picked. */
  directoryId?: string;
}

/** A linked directory (only those sync); unless `allowEmpty`, one that has people to change. */
export function pickLinkedDirectory(ctx: ScenarioContext, allowEmpty = false): DirectoryStore | undefined {
  if (ctx.directoryId !== undefined) return ctx.world.directory(ctx.directoryId);
  const linked = ctx.world.directories().filter((d) => d.info.state === 'linked' && (allowEmpty || d.slotCount > 0));
  return linked.length > 0 ? ctx.rng.pick(linked) : undefined;
}

/** A random live user matching `accept`; random probing keeps this O(1) on huge directories. */
export function pickUser(
  ctx: ScenarioContext,
  store: DirectoryStore,
  accept: (slot: number) => boolean = () => true,
): number | undefined {
  const total = store.slotCount;
  if (total === 0) return undefined;
  for (let attempt = 0; attempt < 400; attempt++) {
    const slot = ctx.rng.int(total);
    if (store.isLiveUser(slot) && accept(slot)) return slot;
  }
  if (total > 20_000) return undefined;
  const start = ctx.rng.int(total);
  for (let k = 0; k < total; k++) {
    const slot = (start + k) % total;
    if (store.isLiveUser(slot) && accept(slot)) return slot;
  }
  return undefined;
}

export function isActive(store: DirectoryStore, slot: number): boolean {
  return store.userAt(slot).state === 'active';
}

export function liveGroups(store: DirectoryStore, filter: (g: GroupRecord) => boolean = () => true): GroupRecord[] {
  return store.groups.filter((g) => !g.deleted && filter(g));
}

/** Team-like groups (not "All Employees", departments or offices): what scenarios reshape. */
export function isTeamGroup(store: DirectoryStore, g: GroupRecord): boolean {
  const plan = store.gen.groupPlans[g.index];
  return plan === undefined || plan.kind === 'team' || plan.kind === 'app';
}
