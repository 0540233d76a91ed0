/**
 * Deterministic randomness. Every generated value is a pure function of (seed, index, salt), so
 * record N of a directory can be rebuilt on demand instead of being kept in memory.
 */

/** 32-bit integer mix (a murmur3-style finaliser): spreads nearby inputs across the range. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of three integers to an unsigned 32-bit integer. */
export function hash3(a: number, b: number, c: number): number {
  return mix32(mix32(mix32(a) ^ Math.imul(b | 0, 0x9e3779b1)) ^ Math.imul(c | 0, 0x27d4eb2f) ^ (b / 0x100000000));
}

/** Uniform float in [0, 1) from (seed, index, salt). */
export function hashFloat(seed: number, index: number, salt: number): number {
  return hash3(seed, index, salt) / 0x100000000;
}

/** Uniform integer in [0, n) from (seed, index, salt). */
export function hashInt(seed: number, index: number, salt: number, n: number): number {
  return Math.floor(hashFloat(seed, index, salt) * n);
}

/** Stable 32-bit hash of a string (FNV-1a), used to turn names into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded PRNG (mulberry32) for sequences such as scenario choices and fault dice. */
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

/** Picks from a list with a deterministic draw in [0, 1). */
export function pickBy<T>(items: readonly T[], draw: number): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.min(items.length - 1, Math.floor(draw * items.length))] as T;
}
