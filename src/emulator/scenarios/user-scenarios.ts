/** Scenarios that change people: joiners, movers, leavers, renames, (re)activation. */
import { DEPARTMENTS } from '../data/vocabulary.ts';
import { emailSafe } from '../data/names.ts';
import { iso } from '../model/wire.ts';
import type { DirectoryStore } from '../model/directory-store.ts';
import { isActive, pickLinkedDirectory, pickUser, type ScenarioContext } from './context.ts';

export function joiner(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx, true);
  if (!store) return;
  // Attributes come from the generator at a fresh slot, so joiners look like everyone else.
  const template = store.gen.user(store.slotCount);
  const { id, createdAtMs } = ctx.mutator.newUserId(store);
  const user = {
    ...template,
    id,
    state: 'active' as const,
    created_at: iso(createdAtMs),
    updated_at: iso(createdAtMs),
  };
  user.raw_attributes = { ...user.raw_attributes, active: true };
  ctx.mutator.createUser(store, user, store.gen.baseGroups(store.slotCount));
}

function departmentGroupIndex(store: DirectoryStore, department: string): number {
  const dept = DEPARTMENTS.findIndex((d) => d.name === department);
  return store.gen.groupPlans.findIndex((p) => p.kind === 'department' && p.ref === dept);
}

/** Moves one person to another department: attributes and department-group membership. */
export function moveUser(ctx: ScenarioContext, store: DirectoryStore, slot: number): void {
  const user = store.userAt(slot);
  const from = String(user.custom_attributes.department ?? '');
  const choices = DEPARTMENTS.filter((d) => d.name !== from);
  const to = ctx.rng.pick(choices);
  const title = ctx.rng.pick(to.titles);
  ctx.mutator.updateUser(
    store,
    slot,
    {
      job_title: title,
      custom_attributes: { department: to.name, job_title: title, cost_center: `${to.code}-${100 + ctx.rng.int(40)}` },
      raw_attributes: { department: to.name, title },
    },
    `${user.name ?? user.id} moved from ${from || 'no department'} to ${to.name}`,
  );
  const oldGroup = departmentGroupIndex(store, from);
  const newGroup = departmentGroupIndex(store, to.name);
  if (oldGroup >= 0) ctx.mutator.removeMembership(store, slot, oldGroup);
  if (newGroup >= 0) ctx.mutator.addMembership(store, slot, newGroup);
}

export function mover(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  const slot = store && pickUser(ctx, store, (s) => isActive(store, s));
  if (store && slot !== undefined) moveUser(ctx, store, slot);
}

function setState(ctx: ScenarioContext, store: DirectoryStore, slot: number, state: 'active' | 'inactive'): void {
  const user = store.userAt(slot);
  ctx.mutator.updateUser(
    store,
    slot,
    { state, raw_attributes: { active: state === 'active' } },
    `${user.name ?? user.id} ${state === 'active' ? 'reactivated' : 'deactivated'}`,
  );
}

export function deactivate(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  const slot = store && pickUser(ctx, store, (s) => isActive(store, s));
  if (store && slot !== undefined) setState(ctx, store, slot, 'inactive');
}

/** WorkOS's default "secure flow": a deactivated user is then deleted from the directory. */
export function leaver(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  const slot = store && pickUser(ctx, store, (s) => isActive(store, s));
  if (!store || slot === undefined) return;
  setState(ctx, store, slot, 'inactive');
  ctx.mutator.deleteUser(store, slot);
}

export function reactivation(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  const slot = store && pickUser(ctx, store, (s) => !isActive(store, s));
  if (store && slot !== undefined) setState(ctx, store, slot, 'active');
}

const NEW_SURNAMES = [
  'Lindqvist',
  'Okonkwo',
  'Fernández',
  'Nakamura',
  "D'Angelo",
  'Schäfer-Wolf',
  'Kowalczyk',
  'Haddad',
];

export function rename(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  const slot = store && pickUser(ctx, store, (s) => isActive(store, s));
  if (!store || slot === undefined) return;
  const user = store.userAt(slot);
  const last = ctx.rng.pick(NEW_SURNAMES.filter((n) => n !== user.last_name));
  const first = user.first_name ?? '';
  const email =
    user.email === null
      ? null
      : `${emailSafe(first)}.${emailSafe(last)}@${user.email.split('@')[1] ?? store.info.domain}`;
  ctx.mutator.updateUser(
    store,
    slot,
    {
      last_name: last,
      name: `${first} ${last}`.trim(),
      email,
      username: email,
      emails: email === null ? [] : [{ primary: true, type: 'work', value: email }],
      raw_attributes: { userName: email ?? user.idp_id },
    },
    `${user.name ?? user.id} renamed to ${first} ${last}`,
  );
}

export function bulkReorg(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  const count = Math.max(2, Math.min(25, Math.floor(store.slotCount / 20)));
  const seen = new Set<number>();
  for (let k = 0; k < count; k++) {
    const slot = pickUser(ctx, store, (s) => isActive(store, s) && !seen.has(s));
    if (slot === undefined) break;
    seen.add(slot);
    moveUser(ctx, store, slot);
  }
}
