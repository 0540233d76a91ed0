/**
 * Named scenarios. `step(name)` applies one change set and returns what changed and which events
 * were emitted; `mixed` and `demo` pick a weighted random scenario each step.
 */
import type { ScenarioContext } from './context.ts';
import { bulkReorg, deactivate, joiner, leaver, mover, reactivation, rename } from './user-scenarios.ts';
import { breakCredentials, nextOpeningStep, restoreCredentials } from './demo-story.ts';
import {
  directoryDelete,
  directoryInvalidCredentials,
  directoryRelink,
  directoryUnlink,
  groupCreate,
  groupDelete,
  groupRename,
  membershipChange,
} from './group-scenarios.ts';

type ScenarioFn = (ctx: ScenarioContext) => void;

const BASIC: Record<string, ScenarioFn> = {
  joiner,
  mover,
  leaver,
  deactivate,
  reactivation,
  rename,
  membership_change: membershipChange,
  group_create: groupCreate,
  group_rename: groupRename,
  group_delete: groupDelete,
  bulk_reorg: bulkReorg,
  directory_unlink: directoryUnlink,
  directory_relink: directoryRelink,
  directory_invalid_credentials: directoryInvalidCredentials,
  directory_delete: directoryDelete,
  demo_break_credentials: breakCredentials,
  demo_restore_credentials: restoreCredentials,
};

const MIXED_WEIGHTS: [string, number][] = [
  ['joiner', 20],
  ['mover', 16],
  ['leaver', 12],
  ['deactivate', 5],
  ['reactivation', 5],
  ['rename', 8],
  ['membership_change', 14],
  ['group_create', 5],
  ['group_rename', 5],
  ['group_delete', 3],
  ['bulk_reorg', 2],
];

/** The demo also flaps directory health now and then, so health views have something to show. */
const DEMO_WEIGHTS: [string, number][] = [
  ...MIXED_WEIGHTS,
  ['directory_invalid_credentials', 1],
  ['directory_relink', 2],
];

function weightedPick(ctx: ScenarioContext, weights: [string, number][]): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = ctx.rng.next() * total;
  for (const [name, w] of weights) {
    x -= w;
    if (x < 0) return name;
  }
  return weights[0]?.[0] ?? 'joiner';
}

export const SCENARIO_NAMES: readonly string[] = [...Object.keys(BASIC), 'mixed', 'demo'];

export function isScenarioName(name: string): boolean {
  return SCENARIO_NAMES.includes(name);
}

/** Runs one step; returns the concrete scenario that ran (for `mixed`/`demo`, the one picked). */
export function runScenario(name: string, ctx: ScenarioContext): string {
  // The demo opens with a fixed story (demo-story.ts), then mixes at random.
  const concrete =
    name === 'mixed'
      ? weightedPick(ctx, MIXED_WEIGHTS)
      : name === 'demo'
        ? (nextOpeningStep(ctx) ?? weightedPick(ctx, DEMO_WEIGHTS))
        : name;
  const fn = BASIC[concrete];
  if (!fn) throw new Error(`Unknown scenario "${name}". Known: ${SCENARIO_NAMES.join(', ')}.`);
  fn(ctx);
  return concrete;
}
