/**
 * The Demo's opening: its first steps tell the story every screen needs (a deletion and its
 * tombstone, a directory that loses its credentials and recovers, a reorg, group changes, a
 * user deactivated and kept) in a fixed order, then the weighted random mix takes over. With the Demo's
 * 20 s step the opening is over in 4 minutes. No user is "suspended": WorkOS folded that state
 * into `inactive` in 2023 (docs/workos-api.md), so a deactivation stands for it.
 */
import type { ScenarioContext } from './context.ts';
import { pickLinkedDirectory } from './context.ts';

export const DEMO_OPENING = [
  'leaver',
  'deactivate',
  'demo_break_credentials',
  'bulk_reorg',
  'group_create',
  'membership_change',
  'leaver',
  'demo_restore_credentials',
  'group_rename',
  'group_delete',
  'deactivate',
  'leaver',
] as const;

/** Steps taken per world, and the directory the opening broke (to restore that same one). */
const progress = new WeakMap<object, { steps: number; broken?: string }>();

export function demoProgress(world: object): { steps: number; broken?: string } {
  let p = progress.get(world);
  if (!p) {
    p = { steps: 0 };
    progress.set(world, p);
  }
  return p;
}

/** The opening step to run now, or null once the opening is over. */
export function nextOpeningStep(ctx: ScenarioContext): string | null {
  const p = demoProgress(ctx.world);
  const name = DEMO_OPENING[p.steps];
  p.steps++;
  return name ?? null;
}

export function breakCredentials(ctx: ScenarioContext): void {
  const store = pickLinkedDirectory(ctx);
  if (!store) return;
  demoProgress(ctx.world).broken = store.info.id;
  ctx.mutator.setDirectoryState(store, 'invalid_credentials');
}

export function restoreCredentials(ctx: ScenarioContext): void {
  const id = demoProgress(ctx.world).broken;
  const store = id === undefined ? undefined : ctx.world.directory(id);
  if (store && store.info.state !== 'linked') ctx.mutator.setDirectoryState(store, 'linked');
}
