/** Options of `startEmulator`, and the handle it returns. */
import type { SeedSpec } from './model/seed-spec.ts';
import type { FaultSpec } from './faults/fault-spec.ts';
import type { WebhookDeliveryOptions } from './webhooks/dispatcher.ts';
import type { EmulatorControl } from './control.ts';

export interface EmulatorOptions {
  /** Preset (`demo`, `small`, `large`), path to a JSON seed file, or an inline spec. Default `small`. */
  seed?: 'demo' | 'small' | 'large' | string | SeedSpec;
  /** Users per directory for `small`/`large`; total users for `demo` (scaled proportionally). */
  users?: number;
  /** Number of directories for `small`/`large`. */
  directories?: number;
  randomSeed?: number;
  /** `user.groups` populated (teams created before May 2026) or always `[]` (default). */
  groupsPopulated?: boolean;
  /**
   * Users as before 15 Apr 2026: filled `raw_attributes`, `emails`, `username`, `job_title`.
   * Default false: today's shapes (`{}`, `[]`, null; `email` and `roles[]` carry the data).
   */
  legacyFields?: boolean;
  /** Multiplies the documented limits (10 → 40 req/s per directory); 0 or Infinity disables. Default 1. */
  rateLimitScale?: number;
  /** 429 body: the observed production `{message}` (default) or the spec's bare `"Ratelimited"`. */
  rateLimitBody?: 'message' | 'spec';
  latencyMs?: number;
  jitterMs?: number;
  faults?: FaultSpec | string;
  /**
   * The scenario `control.step()` runs by default (else `mixed`). With `scenarioIntervalMs` it
   * also runs on a clock, one step per interval (`scenarioIntervalMs` alone clocks `mixed`).
   */
  scenario?: string;
  scenarioIntervalMs?: number;
  webhookUrls?: string[];
  webhookSecret?: string;
  webhookDelivery?: WebhookDeliveryOptions;
  /**
   * How long a new event stays invisible to `GET /events` (WorkOS holds events back "a few
   * seconds" so a cursor cannot pass an older event not yet visible). Default 3000; tests that
   * read events right after a change set 0.
   */
  eventsHoldBackMs?: number;
  apiKey?: string;
  port?: number;
  host?: string;
  now?: () => number;
}

export interface RunningEmulator {
  url: string;
  apiKey: string;
  webhookSecret: string;
  host: string;
  port: number;
  control: EmulatorControl;
  close(): Promise<void>;
}
