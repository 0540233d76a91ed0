/**
 * The built-in Demo profile: an in-process emulator with the demo seed (realistic
 * directories that keep changing), started on first use and stopped with the core.
 */
import type { RunningEmulator } from '../../emulator/index.ts';
import { scaledRateLimits, type RateLimits } from '../workos/rate-limiter.ts';

export const DEMO_PROFILE_ID = 'demo';
/** The demo runs the documented limits ten times faster, so a first sync takes seconds. */
const DEMO_RATE_SCALE = 10;
const DEMO_USERS = 2000;
const DEMO_STEP_MS = 20_000;

export interface DemoConnection {
  baseUrl: string;
  apiKey: string;
  rateLimits: RateLimits;
  webhookSecret: string;
}

export class DemoBackend {
  private emulator: Promise<RunningEmulator> | null = null;
  private readonly startListeners = new Set<(emu: RunningEmulator) => Promise<void> | void>();

  /**
   * Runs once the demo emulator is up (e.g. to point its signed webhooks at the console's own
   * receiver). Listener failures are the listener's business: the demo keeps working without.
   */
  onStart(listener: (emu: RunningEmulator) => Promise<void> | void): void {
    this.startListeners.add(listener);
  }

  async connection(): Promise<DemoConnection> {
    this.emulator ??= import('../../emulator/index.ts').then(({ startEmulator }) =>
      startEmulator({
        seed: 'demo',
        users: DEMO_USERS,
        rateLimitScale: DEMO_RATE_SCALE,
        scenario: 'demo',
        scenarioIntervalMs: DEMO_STEP_MS,
      }).then(async (emu) => {
        for (const listener of this.startListeners) await listener(emu);
        return emu;
      }),
    );
    const emu = await this.emulator;
    return {
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      rateLimits: scaledRateLimits(DEMO_RATE_SCALE),
      webhookSecret: emu.webhookSecret,
    };
  }

  get started(): boolean {
    return this.emulator !== null;
  }

  async close(): Promise<void> {
    const running = this.emulator;
    this.emulator = null;
    if (running) await (await running).close();
  }
}
