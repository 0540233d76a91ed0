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

/** Shared by every fuzz target (see also `hostileJsonText` and `invalidUtf8`). */
export const HOSTILE_STRINGS: readonly string[] = [
  '1e999',
  '-1e999',
  '12345678901234567890',
  '-98765432109876543210',
  '\u0000',
  'a\u0000b',
  '\u001b[2J\u001b[H',
  '\u001b]0;owned\u0007',
  '\u009b31m',
  'x\r\n#2  200  valid  forged',
  '\u202euser\u2066',
  '\udc00',
  '\ud800\ud800',
  'a'.repeat(20_000),
  '['.repeat(6_000),
  '{"a":'.repeat(6_000),
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
  // Issue 16's hostile corpus: numbers JSON.parse turns into Infinity or rounds, NUL, escape
  // and bidi sequences, lone surrogates, long strings and nesting deeper than recursion goes.
  ...HOSTILE_STRINGS,
];

/** Byte sequences that are not UTF-8: lone continuation, overlong, truncated, encoded surrogate, 0xff. */
export const INVALID_UTF8: readonly number[][] = [
  [0x80],
  [0xc0, 0x80],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xff, 0xfe],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

export interface Fuzz {
  rng: Rng;
  /** A hostile string: a special value, a random mix, or a mutated near-valid value. */
  string(nearValid?: readonly string[]): string;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Text that is JSON or nearly: hostile strings and numbers, deep nesting, truncation. */
  jsonText(): string;
  /** Bytes: a JSON-ish text with invalid UTF-8 sequences spliced in. */
  bytes(): Buffer;
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
  const jsonValue = (depth: number): string => {
    // Deep nesting is costly to generate and scan: rare, but always past the recursion limit.
    const kind = rng.chance(0.03) ? 3 : rng.pick(depth > 3 ? [0, 1, 2] : [0, 1, 2, 4, 5, 6]);
    if (kind === 0) return JSON.stringify(rng.pick(HOSTILE_STRINGS));
    if (kind === 1) return rng.pick(['1e999', '-1e999', '12345678901234567890', '0', '-0', '1.5e-400', 'null', 'true']);
    if (kind === 2) return JSON.stringify(randomText());
    if (kind === 3) {
      // Nesting far past what JSON.stringify can recurse through.
      const n = 5_000 + rng.int(5_000);
      return `${'['.repeat(n)}${']'.repeat(n)}`;
    }
    if (kind === 4) {
      const keys = ['id', 'event', 'data', 'created_at', 'object', 'directory_id', 'name', 'email', '__proto__'];
      const parts = Array.from(
        { length: rng.int(5) },
        () => `${JSON.stringify(rng.pick(keys))}:${jsonValue(depth + 1)}`,
      );
      return `{${parts.join(',')}}`;
    }
    return `[${Array.from({ length: rng.int(4) }, () => jsonValue(depth + 1)).join(',')}]`;
  };
  const eventText = (): string => {
    const field = () => (rng.chance(0.5) ? JSON.stringify(rng.pick(HOSTILE_STRINGS)) : jsonValue(2));
    return `{"id":${field()},"event":${rng.chance(0.5) ? '"dsync.user.created"' : field()},"data":{"object":"directory_user","id":${field()},"directory_id":${field()},"email":${field()},"raw_attributes":${jsonValue(1)}},"created_at":${field()}}`;
  };
  const jsonText = (): string => {
    const text = rng.chance(0.5) ? eventText() : jsonValue(0);
    return rng.chance(0.15) ? text.slice(0, rng.int(text.length + 1)) : text;
  };
  return {
    rng,
    int: (n) => rng.int(n),
    pick: (items) => rng.pick(items),
    jsonText,
    bytes() {
      const bytes = [...Buffer.from(jsonText(), 'utf8')];
      for (let i = rng.int(4); i > 0; i--) bytes.splice(rng.int(bytes.length + 1), 0, ...rng.pick(INVALID_UTF8));
      return Buffer.from(bytes);
    },
    string(nearValid = []) {
      const roll = rng.next();
      if (roll < 0.2) return rng.pick(SPECIALS);
      if (nearValid.length > 0 && roll < 0.45) return rng.pick(nearValid);
      if (nearValid.length > 0 && roll < 0.7) return mutate(rng.pick(nearValid));
      return randomText();
    },
  };
}
