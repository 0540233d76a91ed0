/**
 * ULIDs (https://github.com/ulid/spec): 10 Crockford-base32 chars of millisecond time followed by
 * 16 chars of randomness. WorkOS ids are `<prefix>_<ULID>`; because the time part leads, sorting
 * ids as strings sorts them by creation time, which is what cursor pagination relies on here.
 */
import { hash3 } from './random.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function encodeTime(ms: number): string {
  let out = '';
  let t = Math.floor(ms);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeWord(word: number, chars: number): string {
  let out = '';
  let w = word >>> 0;
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[w & 31] + out;
    w >>>= 5;
  }
  return out;
}

/** The random part as three 32-bit words (only 80 bits are used: 16 + 32 + 32). */
export type UlidRandom = readonly [number, number, number];

export function encodeUlid(timeMs: number, random: UlidRandom): string {
  // 80 random bits as 16 chars: 6 chars from 30 bits of the first word... keep it simple and
  // exact: 16 chars = 80 bits = 16 (hi) + 32 (mid) + 32 (lo), emitted as 4 + 6 + 6 chars
  // (20 + 30 + 30 bits; the extra high bits of each word are dropped).
  return encodeTime(timeMs) + encodeWord(random[0], 4) + encodeWord(random[1], 6) + encodeWord(random[2], 6);
}

/** A deterministic ULID: time from the record's creation, randomness from (seed, index). */
export function deterministicUlid(timeMs: number, seed: number, index: number): string {
  return encodeUlid(timeMs, [hash3(seed, index, 1), hash3(seed, index, 2), hash3(seed, index, 3)]);
}

export function isUlid(text: string): boolean {
  return ULID_PATTERN.test(text);
}

/** Reads the millisecond time back out of a ULID. */
export function ulidTime(ulid: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + ALPHABET.indexOf(ulid[i] ?? '0');
  return t;
}

/**
 * Issues strictly increasing ULIDs even when many are made in the same millisecond (or the
 * clock steps back): the time is held and the random part counts up, as the ULID spec's
 * monotonic mode does.
 */
export class MonotonicUlid {
  private lastTime = -1;
  private counter: [number, number, number] = [0, 0, 0];

  constructor(private readonly seed: number) {}

  next(timeMs: number): { ulid: string; timeMs: number } {
    if (timeMs > this.lastTime) {
      this.lastTime = Math.floor(timeMs);
      // Start low in the random space so increments never overflow in practice.
      this.counter = [
        hash3(this.seed, this.lastTime, 7) & 0x7fff,
        hash3(this.seed, this.lastTime, 8) & 0x1fffffff,
        hash3(this.seed, this.lastTime, 9) & 0x0fffffff,
      ];
    } else {
      const lo = this.counter[2] + 1;
      this.counter =
        lo > 0x3fffffff ? [this.counter[0], this.counter[1] + 1, 0] : [this.counter[0], this.counter[1], lo];
    }
    return { ulid: encodeUlid(this.lastTime, this.counter), timeMs: this.lastTime };
  }
}

export function makeId(prefix: string, ulid: string): string {
  return `${prefix}_${ulid}`;
}
