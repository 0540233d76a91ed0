/** Decides, per request, which faults apply. Dice come from a seeded PRNG: runs are repeatable. */
import type { Rng } from '../util/random.ts';
import type { FaultSpec } from './fault-spec.ts';

export interface FaultDecision {
  delayMs: number;
  reset: boolean;
  rateLimited: boolean;
  serverError: number | null;
  slowBodyMs: number | null;
  malformed: boolean;
}

export const NO_FAULTS: FaultDecision = {
  delayMs: 0,
  reset: false,
  rateLimited: false,
  serverError: null,
  slowBodyMs: null,
  malformed: false,
};

export class FaultPlanner {
  private spec: FaultSpec = {};
  private burstLeft = 0;

  constructor(private readonly rng: Rng) {}

  set(spec: FaultSpec): void {
    this.spec = { ...spec };
    this.burstLeft = spec.rateLimitBurst ?? 0;
  }

  current(): FaultSpec {
    return { ...this.spec, ...(this.spec.rateLimitBurst !== undefined ? { rateLimitBurst: this.burstLeft } : {}) };
  }

  get retryAfterSeconds(): number {
    return this.spec.retryAfterSeconds ?? 1;
  }

  decide(path: string): FaultDecision {
    const s = this.spec;
    if (s.paths && !s.paths.some((p) => path.startsWith(p))) return NO_FAULTS;
    const roll = (rate: number | undefined): boolean => rate !== undefined && rate > 0 && this.rng.next() < rate;
    const delayMs = (s.latencyMs ?? 0) + (s.jitterMs ? this.rng.next() * s.jitterMs : 0);
    const reset = roll(s.resetRate);
    let rateLimited = false;
    if (!reset && this.burstLeft > 0) {
      this.burstLeft--;
      rateLimited = true;
    } else if (!reset) {
      rateLimited = roll(s.rateLimitRate);
    }
    const serverError = !reset && !rateLimited && roll(s.errorRate) ? (s.errorStatus ?? 500) : null;
    const slowBodyMs = roll(s.slowBodyRate) ? (s.slowBodyMs ?? 1000) : null;
    const malformed = roll(s.malformedRate);
    return { delayMs, reset, rateLimited, serverError, slowBodyMs, malformed };
  }
}
