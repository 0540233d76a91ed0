/** Scenarios that reshape groups and directories. */
import { TEAM_WORDS } from '../data/vocabulary.ts';
import { hash3 } from '../util/random.ts';
import { isActive, isTeamGroup, liveGroups, pickLinkedDirectory, pickUser, type ScenarioContext } from './context.ts';

const PROJECT_WORDS = [
  'Atlas',
  'Phoenix',
  'Orion',
  'Falcon',
  'Nimbus',
  'Aurora',
  'Quartz',
  'Helix',
  'Voyager',
  'Zephyr',
];

export function groupCreate(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  const name = `Project ${ctx.rng.pick(PROJECT_WORDS)} ${ctx.rng.pick(TEAM_WORDS)}`;
  const idpId = `grp-${hash3(store.spec.seed, store.groups.length, 77).toString(16)}`;
  const group = ctx.mutator.createGroup(store, name, idpId);
  const members = 1 + ctx.rng.int(5);
  for (let k = 0; k < members; k++) {
    const slot = pickUser(ctx, store, (s) => isActive(store, s));
    if (slot !== undefined) ctx.mutator.addMembership(store, slot, group.index);
  }
}

export function groupRename(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  const teams = liveGroups(store, (g) => isTeamGroup(store, g));
  if (teams.length === 0) return;
  const group = ctx.rng.pick(teams);
  const base = group.wire.name.replace(/ \(renamed.*\)$/, '');
  ctx.mutator.renameGroup(store, group, `${ctx.rng.pick(PROJECT_WORDS)} ${base.split(' ').slice(-1)[0] ?? 'Team'}`);
}

export function groupDelete(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  // Small teams get dissolved; deleting a 100k-member group is a different story.
  const teams = liveGroups(store, (g) => isTeamGroup(store, g) && g.members.length < 500);
  if (teams.length === 0) return;
  ctx.mutator.deleteGroup(store, ctx.rng.pick(teams));
}

/** Membership churn inside existing teams (someone joins or leaves a team). */
export function membershipChange(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  const teams = liveGroups(store, (g) => isTeamGroup(store, g));
  const slot = pickUser(ctx, store, (s) => isActive(store, s));
  if (teams.length === 0 || slot === undefined) return;
  const group = ctx.rng.pick(teams);
  if (group.members.has(slot)) ctx.mutator.removeMembership(store, slot, group.index);
  else ctx.mutator.addMembership(store, slot, group.index);
}

export function directoryUnlink(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (store) ctx.mutator.setDirectoryState(store, 'unlinked');
}

export function directoryRelink(ctx: ScenarioContext): void {
  const candidates =
    ctx.directoryId !== undefined
      ? [ctx.world.directory(ctx.directoryId)].filter((d) => d !== undefined)
      : ctx.world.directories().filter((d) => d.info.state !== 'linked');
  if (candidates.length === 0) return;
  ctx.mutator.setDirectoryState(ctx.rng.pick(candidates), 'linked');
}

export function directoryInvalidCredentials(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (store) ctx.mutator.setDirectoryState(store, 'invalid_credentials');
}

export function directoryDelete(ctx: ScenarioContext): void {
  const all = ctx.world.directories();
  const store =
    ctx.directoryId !== undefined
      ? ctx.world.directory(ctx.directoryId)
      : all.length > 0
        ? ctx.rng.pick(all)
        : undefined;
  if (store) ctx.mutator.deleteDirectory(store);
}
