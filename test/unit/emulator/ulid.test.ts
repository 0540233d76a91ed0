import { describe, expect, it } from 'vitest';
import { MonotonicUlid, deterministicUlid, isUlid, ulidTime } from '../../../src/emulator/util/ulid.ts';

describe('ulid', () => {
  it('encodes the creation time so string order is time order', () => {
    const a = deterministicUlid(Date.UTC(2024, 0, 1), 1, 5);
    const b = deterministicUlid(Date.UTC(2024, 0, 1) + 1, 1, 4);
    expect(isUlid(a)).toBe(true);
    expect(a).toHaveLength(26);
    expect(a < b).toBe(true);
    expect(ulidTime(a)).toBe(Date.UTC(2024, 0, 1));
  });

  it('is deterministic in (time, seed, index)', () => {
    expect(deterministicUlid(1_700_000_000_000, 9, 3)).toBe(deterministicUlid(1_700_000_000_000, 9, 3));
    expect(deterministicUlid(1_700_000_000_000, 9, 3)).not.toBe(deterministicUlid(1_700_000_000_000, 9, 4));
  });

  it('monotonic ids strictly increase within one millisecond and when the clock steps back', () => {
    const gen = new MonotonicUlid(3);
    const ids = [gen.next(1000), gen.next(1000), gen.next(1000), gen.next(999), gen.next(1001)].map((r) => r.ulid);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
