import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../src/emulator/faults/fault-spec.ts';
import { FaultPlanner } from '../../../src/emulator/faults/fault-plan.ts';
import { createRng } from '../../../src/emulator/util/random.ts';

describe('fault spec text', () => {
  it('parses every key', () => {
    expect(
      parseFaultSpec(
        'latency=200,jitter=50,error=0.1,status=503,reset=0.05,burst=3,429=0.2,retry-after=2,slow=0.5,slow-ms=900,malformed=0.1,paths=/events|/directory_users',
      ),
    ).toEqual({
      latencyMs: 200,
      jitterMs: 50,
      errorRate: 0.1,
      errorStatus: 503,
      resetRate: 0.05,
      rateLimitBurst: 3,
      rateLimitRate: 0.2,
      retryAfterSeconds: 2,
      slowBodyRate: 0.5,
      slowBodyMs: 900,
      malformedRate: 0.1,
      paths: ['/events', '/directory_users'],
    });
  });

  it('names what is wrong', () => {
    expect(() => parseFaultSpec('latncy=3')).toThrow(/Unknown fault "latncy"/);
    expect(() => parseFaultSpec('error=lots')).toThrow(/"error" needs a number/);
    expect(() => parseFaultSpec('error=2')).toThrow(/errorRate/);
    expect(() => parseFaultSpec('status=404')).toThrow(/errorStatus/);
  });
});

describe('fault planner', () => {
  it('delays by latency plus up to jitter', () => {
    const planner = new FaultPlanner(createRng(1));
    planner.set({ latencyMs: 100, jitterMs: 50 });
    for (let i = 0; i < 50; i++) {
      const d = planner.decide('/directories').delayMs;
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThan(150);
    }
  });

  it('a burst of N means exactly the next N requests are rate limited', () => {
    const planner = new FaultPlanner(createRng(1));
    planner.set({ rateLimitBurst: 2 });
    expect([1, 2, 3].map(() => planner.decide('/x').rateLimited)).toEqual([true, true, false]);
  });

  it('rates are honoured roughly and only on the chosen paths', () => {
    const planner = new FaultPlanner(createRng(9));
    planner.set({ errorRate: 0.25, paths: ['/directory_users'] });
    const hits = Array.from({ length: 2000 }, () => planner.decide('/directory_users').serverError).filter(
      (s) => s === 500,
    ).length;
    expect(hits).toBeGreaterThan(400);
    expect(hits).toBeLessThan(600);
    expect(planner.decide('/events').serverError).toBeNull();
  });
});
