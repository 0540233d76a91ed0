/**
 * Seeded generators of hostile inputs for the fuzz tests: strings mixing digits, signs,
 * exponents, whitespace, control characters, unicode (RTL, emoji, lone surrogates), percent
 * escapes, near-valid ids and JSON fragments. Every run with the same seed sees the same
 * inputs, so a failure can be replayed.
 */
import { createRng, type Rng } from '../../../src/emulator/util/random.ts';

const ALPHABETS = [
  '0123456789',
  '0123456789+-.eE ',
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_',
  '0123456789ABCDEFGHJKMNPQRSTVWXYZ',
  ' \t\r\n\u0000\u0007\u001b\u007f',
  '%&=?#/\\:;,[]{}"\'<>`|^~!@$*()',
  '\u202e\u200f\u200b\u00a0\ufeff日本語Ωß',
  '😀👩‍💻🏳️‍🌈',
];

const SPECIALS = [
  '',
  ' ',
  '0',
  '-0',
  '00',
  '1',
  '100',
  '101',
  '65535',
  '65536',
  '-1',
  '1e3',
  '0x10',
  'Infinity',
  'NaN',
  '9007199254740993',
  '1'.repeat(400),
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'toString',
  '\ud800',
  '%00',
  '%ZZ',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  'http://',
  'https://example.com',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '[::1]',
  'localhost',
];

export interface Fuzz {
  rng: Rng;
  /** A hostile string: a special value, a random mix, or a mutated near-valid value. */
  string(nearValid?: readonly string[]): string;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createFuzz(seed: number): Fuzz {
  const rng = createRng(seed);
  const randomText = (): string => {
    const length = rng.chance(0.05) ? 200 + rng.int(5000) : rng.int(24);
    let out = '';
    const alphabet = [...rng.pick(ALPHABETS)];
    for (let i = 0; i < length; i++) out += rng.chance(0.1) ? rng.pick([...rng.pick(ALPHABETS)]) : rng.pick(alphabet);
    return out;
  };
  const mutate = (value: string): string => {
    const chars = [...value];
    const edits = 1 + rng.int(3);
    for (let i = 0; i < edits; i++) {
      const at = rng.int(chars.length + 1);
      const kind = rng.int(4);
      if (kind === 0) chars.splice(at, 1);
      else if (kind === 1) chars.splice(at, 0, rng.pick([...rng.pick(ALPHABETS)]));
      else if (kind === 2 && chars.length > 0) chars[at % chars.length] = rng.pick([...rng.pick(ALPHABETS)]);
      else chars.splice(at, 0, ...value.slice(0, rng.int(4)));
    }
    return chars.join('');
  };
  return {
    rng,
    int: (n) => rng.int(n),
    pick: (items) => rng.pick(items),
    string(nearValid = []) {
      const roll = rng.next();
      if (roll < 0.2) return rng.pick(SPECIALS);
      if (nearValid.length > 0 && roll < 0.45) return rng.pick(nearValid);
      if (nearValid.length > 0 && roll < 0.7) return mutate(rng.pick(nearValid));
      return randomText();
    },
  };
}
