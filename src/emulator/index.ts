/**
 * A local WorkOS Directory Sync API: spec-exact routes, generated directories up to millions of
 * users, documented rate limits, scenarios that emit `dsync.*` events and signed webhooks, and
 * fault injection. `startEmulator()` serves it on loopback and hands back a control surface.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRng } from './util/random.ts';
import { resolveSeed } from './model/seed-spec.ts';
import { buildWorld } from './model/build-world.ts';
import { createEmulatorServer } from './http/server.ts';
import { RateLimiter, documentedLimits } from './http/rate-limiter.ts';
import { FaultPlanner } from './faults/fault-plan.ts';
import { parseFaultSpec, validateFaultSpec, type FaultSpec } from './faults/fault-spec.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { createControl } from './control.ts';
import { createAdminHandler } from './http/admin-routes.ts';
import { buildRoutes } from './http/routes.ts';
import { isScenarioName, SCENARIO_NAMES } from './scenarios/catalog.ts';
import type { EmulatorOptions, RunningEmulator } from './options.ts';
import { DEFAULT_EVENTS_HOLD_BACK_MS } from './events/event-log.ts';

export type { EmulatorOptions, RunningEmulator } from './options.ts';
export type { EmulatorControl, StepResult, WebhookControl } from './control.ts';
export type { FaultSpec } from './faults/fault-spec.ts';
export type { SeedSpec } from './model/seed-spec.ts';
export type { EmulatorStats } from './http/stats.ts';
export type { Truth, TruthCounts, Membership } from './truth.ts';
export type { DeliveryAttempt, WebhookDeliveryOptions } from './webhooks/dispatcher.ts';
export type * from './model/wire.ts';
export { parseFaultSpec } from './faults/fault-spec.ts';
export { signatureHeader } from './webhooks/sign.ts';
export { SCENARIO_NAMES } from './scenarios/catalog.ts';
export { DEFAULT_EVENTS_HOLD_BACK_MS } from './events/event-log.ts';

function baseFaults(options: EmulatorOptions): FaultSpec {
  const fromOption =
    options.faults === undefined
      ? {}
      : typeof options.faults === 'string'
        ? parseFaultSpec(options.faults)
        : validateFaultSpec(options.faults);
  return {
    ...fromOption,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.jitterMs !== undefined ? { jitterMs: options.jitterMs } : {}),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const randomSeed = options.randomSeed ?? 1;
  if (options.scenario !== undefined && !isScenarioName(options.scenario)) {
    throw new Error(`Unknown scenario "${options.scenario}". Known: ${SCENARIO_NAMES.join(', ')}.`);
  }
  const apiKey = options.apiKey ?? `sk_test_emulator_${randomBytes(12).toString('hex')}`;
  const webhookSecret = options.webhookSecret ?? `whsec_emulator_${randomBytes(16).toString('hex')}`;
  const seed = resolveSeed(options.seed, {
    ...(options.users !== undefined ? { users: options.users } : {}),
    ...(options.directories !== undefined ? { directories: options.directories } : {}),
  });
  const { world, mutator } = buildWorld(seed, {
    randomSeed,
    now,
    groupsPopulated: options.groupsPopulated ?? false,
    legacyFields: options.legacyFields ?? false,
  });
  // After seeding, so backdated history is visible at once.
  world.events.setHoldBack(options.eventsHoldBackMs ?? DEFAULT_EVENTS_HOLD_BACK_MS);

  const faults = new FaultPlanner(createRng(randomSeed ^ 0xfa17));
  const initialFaults = baseFaults(options);
  faults.set(initialFaults);
  const webhooks = new WebhookDispatcher(webhookSecret, createRng(randomSeed ^ 0x0eb), options.webhookDelivery);
  for (const url of options.webhookUrls ?? []) webhooks.addEndpoint(url);
  const handle = createControl({
    world,
    mutator,
    rng: createRng(randomSeed ^ 0x5ce),
    faults,
    webhooks,
    baseFaults: initialFaults,
    defaultScenario: options.scenario ?? 'mixed',
  });
  const server = createEmulatorServer({
    world,
    routes: buildRoutes(mutator, handle.flushOutsideStep),
    apiKey,
    limiter: new RateLimiter(documentedLimits(options.rateLimitScale ?? 1)),
    faults,
    stats: handle.statsRef,
    now,
    rateLimitBody: options.rateLimitBody ?? 'message',
    admin: createAdminHandler(handle.control),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (options.scenarioIntervalMs !== undefined) {
    handle.control.startClock(options.scenario ?? 'mixed', options.scenarioIntervalMs);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    apiKey,
    webhookSecret,
    host,
    port,
    control: handle.control,
    close: async () => {
      handle.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
