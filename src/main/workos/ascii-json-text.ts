/**
 * A JSON response body as a one-byte string: the UTF-8 bytes with every non-ASCII character
 * written as a `\uXXXX` escape, which `JSON.parse` reads back as the same character.
 *
 * Why: V8 keeps a string with any character above U+00FF in two bytes per character, and a
 * string over 128 KB is allocated in its large-object space, which costs about 1.5 ms per
 * string on this machine, plus the collections it triggers. A page of 100 users is ~80 KB of
 * UTF-8; with one Polish or Turkish name in it, decoding it made a 160 KB two-byte string
 * (`TextDecoder.decode`: 2.5 s of a 10 × 5,000-user fleet's main thread; 0.4 s for a fleet of
 * the same size without such names). Escaped, the page is one ~80 KB one-byte string.
 *
 * Only for JSON, where non-ASCII text can only stand inside strings (anywhere else it is a
 * syntax error, escaped or not). Returns null, so the caller decodes as usual, when the bytes
 * are not valid UTF-8 (the decoder's replacement characters are then the answer) or when a
 * non-ASCII character follows a backslash (escaping it could turn an invalid escape into a
 * valid one).
 */
import { isAscii } from 'node:buffer';

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/**
 * Output space reused between calls (each call copies its result into a string); a body that
 * needs more gets space of its own, so one large page does not stay held.
 */
const SCRATCH_BYTES = 512 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

function writeEscape(out: Buffer, at: number, unit: number): number {
  out[at] = 0x5c; // backslash
  out[at + 1] = 0x75; // u
  out[at + 2] = HEX[(unit >> 12) & 0xf]!;
  out[at + 3] = HEX[(unit >> 8) & 0xf]!;
  out[at + 4] = HEX[(unit >> 4) & 0xf]!;
  out[at + 5] = HEX[unit & 0xf]!;
  return at + 6;
}

/** Length and leading bits of the UTF-8 sequence a byte starts (length 0: not a lead byte). */
function sequenceOf(lead: number): [length: number, bits: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, lead & 0x1f];
  if (lead >= 0xe0 && lead <= 0xef) return [3, lead & 0x0f];
  if (lead >= 0xf0 && lead <= 0xf4) return [4, lead & 0x07];
  return [0, 0];
}

/** The smallest code point each sequence length may encode (shorter forms are overlong). */
const MIN_CODE_POINT = [0, 0, 0x80, 0x800, 0x10000];

export function asciiJsonText(bytes: Uint8Array): string | null {
  // A byte order mark is dropped, as a UTF-8 decoder drops it.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  if (isAscii(body)) return body.toString('latin1');
  // Each sequence of n bytes becomes at most 3n characters (two bytes → 6, four → 12).
  const out = body.length * 3 <= SCRATCH_BYTES ? scratch : Buffer.allocUnsafe(body.length * 3);
  let o = 0;
  let i = 0;
  while (i < body.length) {
    // The ASCII run up to the next non-ASCII byte, copied at once.
    let end = i;
    while (end < body.length && body[end]! < 0x80) end++;
    if (end > i) {
      o += body.copy(out, o, i, end);
      i = end;
      if (i === body.length) break;
    }
    const [length, bits] = sequenceOf(body[i]!);
    if (length === 0 || i + length > body.length || (i > 0 && body[i - 1] === 0x5c)) return null;
    let cp = bits;
    for (let k = 1; k < length; k++) {
      const c = body[i + k]!;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < MIN_CODE_POINT[length]! || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    i += length;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      o = writeEscape(out, o, 0xd800 + (v >> 10));
      o = writeEscape(out, o, 0xdc00 + (v & 0x3ff));
    } else o = writeEscape(out, o, cp);
  }
  return out.toString('latin1', 0, o);
}
