/**
 * The in-process control surface tests and the demo use: step scenarios (or run them on a
 * clock), set faults, read the truth and the counters, manage webhook endpoints.
 */
import type { Rng } from './util/random.ts';
import type { World } from './model/world.ts';
import type { AppliedChange, WorldMutator } from './model/mutations.ts';
import type { WireEvent, WireDirectory, WireDirectoryGroup, WireDirectoryUserWithGroups } from './model/wire.ts';
import { SCENARIO_NAMES, isScenarioName, runScenario } from './scenarios/catalog.ts';
import { parseFaultSpec, validateFaultSpec, type FaultSpec } from './faults/fault-spec.ts';
import type { FaultPlanner } from './faults/fault-plan.ts';
import { emptyStats, type EmulatorStats } from './http/stats.ts';
import type { DeliveryAttempt, WebhookDeliveryOptions, WebhookDispatcher } from './webhooks/dispatcher.ts';
import { readCounts, readTruth, type Membership, type Truth, type TruthCounts } from './truth.ts';

export interface StepResult {
  /** The scenario that actually ran (for `mixed`/`demo`, the one picked; `api` for API calls such as DELETE /directories). */
  scenario: string;
  changes: AppliedChange[];
  events: WireEvent[];
}

export interface WebhookControl {
  endpoints(): string[];
  add(url: string): void;
  remove(url: string): boolean;
  configure(options: WebhookDeliveryOptions): Required<WebhookDeliveryOptions>;
  deliveries(): DeliveryAttempt[];
  /** Resolves when every queued delivery, retries included, has finished. */
  idle(): Promise<void>;
}

export interface EmulatorControl {
  scenarios(): readonly string[];
  step(scenario?: string, options?: { directoryId?: string }): StepResult;
  /** Called after every step that changed something (stepped, on the clock, or via HTTP). */
  onStep(listener: (result: StepResult) => void): () => void;
  startClock(scenario: string, intervalMs: number): void;
  stopClock(): void;
  setFaults(spec: FaultSpec | string | null): FaultSpec;
  faults(): FaultSpec;
  stats(): EmulatorStats;
  resetStats(): void;
  truth(options?: { directoryId?: string }): Truth;
  /** Sizes without materialising anyone: O(directories + groups), fine on 1M-user directories. */
  counts(options?: { directoryId?: string }): TruthCounts;
  directories(): WireDirectory[];
  users(directoryId: string): WireDirectoryUserWithGroups[];
  groups(directoryId: string): WireDirectoryGroup[];
  memberships(directoryId: string): Membership[];
  events(): WireEvent[];
  webhooks: WebhookControl;
}

export interface ControlDeps {
  world: World;
  mutator: WorldMutator;
  rng: Rng;
  faults: FaultPlanner;
  webhooks: WebhookDispatcher;
  baseFaults: FaultSpec;
  defaultScenario: string;
}

export interface ControlHandle {
  control: EmulatorControl;
  statsRef: () => EmulatorStats;
  /** Sends events recorded outside a step (e.g. DELETE /directories) to webhooks. */
  flushOutsideStep(): void;
  dispose(): void;
}

export function createControl(deps: ControlDeps): ControlHandle {
  let stats = emptyStats();
  let clock: NodeJS.Timeout | undefined;
  const listeners = new Set<(result: StepResult) => void>();

  const step = (scenario?: string, options: { directoryId?: string } = {}): StepResult => {
    const name = scenario ?? deps.defaultScenario;
    if (!isScenarioName(name)) throw new Error(`Unknown scenario "${name}". Known: ${SCENARIO_NAMES.join(', ')}.`);
    if (options.directoryId !== undefined && !deps.world.directory(options.directoryId)) {
      throw new Error(`Unknown directory "${options.directoryId}".`);
    }
    const ran = runScenario(name, {
      world: deps.world,
      mutator: deps.mutator,
      rng: deps.rng,
      ...(options.directoryId !== undefined ? { directoryId: options.directoryId } : {}),
    });
    const { changes, events } = deps.mutator.take();
    const wire = events.map((e) => e.wire);
    deps.webhooks.dispatch(wire);
    const result: StepResult = { scenario: ran, changes, events: wire };
    if (changes.length > 0) for (const listener of listeners) listener(result);
    return result;
  };

  const setFaults = (spec: FaultSpec | string | null): FaultSpec => {
    const parsed = spec === null ? {} : typeof spec === 'string' ? parseFaultSpec(spec) : validateFaultSpec(spec);
    deps.faults.set({ ...deps.baseFaults, ...parsed });
    return deps.faults.current();
  };

  const truth = (options: { directoryId?: string } = {}): Truth => readTruth(deps.world, options.directoryId);

  const control: EmulatorControl = {
    scenarios: () => SCENARIO_NAMES,
    step,
    onStep(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startClock(scenario, intervalMs) {
      if (!isScenarioName(scenario))
        throw new Error(`Unknown scenario "${scenario}". Known: ${SCENARIO_NAMES.join(', ')}.`);
      if (!(intervalMs >= 10)) throw new Error(`Scenario interval must be at least 10 ms, got ${intervalMs}.`);
      control.stopClock();
      clock = setInterval(() => {
        // A failing step must not take the process (the demo, the CLI) down with it.
        try {
          step(scenario);
        } catch (err) {
          process.stderr.write(
            `[emulator] scenario ${scenario} failed: ${err instanceof Error ? err.message : String(err)}\n`,
          );
        }
      }, intervalMs);
      clock.unref();
    },
    stopClock() {
      if (clock) clearInterval(clock);
      clock = undefined;
    },
    setFaults,
    faults: () => deps.faults.current(),
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
    },
    truth,
    counts: (options = {}) => readCounts(deps.world, options.directoryId),
    directories: () => deps.world.directories().map((d) => d.toWire()),
    users: (directoryId) => truth({ directoryId }).users,
    groups: (directoryId) => truth({ directoryId }).groups,
    memberships: (directoryId) => truth({ directoryId }).memberships,
    events: () => deps.world.events.all().map((e) => e.wire),
    webhooks: {
      endpoints: () => deps.webhooks.listEndpoints(),
      add: (url) => deps.webhooks.addEndpoint(url),
      remove: (url) => deps.webhooks.removeEndpoint(url),
      configure: (options) => deps.webhooks.configure(options),
      deliveries: () => deps.webhooks.deliveries(),
      idle: () => deps.webhooks.idle(),
    },
  };

  return {
    control,
    statsRef: () => stats,
    flushOutsideStep() {
      const { changes, events } = deps.mutator.take();
      const wire = events.map((e) => e.wire);
      deps.webhooks.dispatch(wire);
      const result: StepResult = { scenario: 'api', changes, events: wire };
      if (changes.length > 0) for (const listener of listeners) listener(result);
    },
    dispose() {
      control.stopClock();
      deps.webhooks.close();
    },
  };
}
