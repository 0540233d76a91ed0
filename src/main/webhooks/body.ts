/**
 * The body as the SDK sees it: bytes decoded as UTF-8 with `ignoreBOM: true` (a BOM stays in
 * the text and therefore in the signed string; invalid sequences become U+FFFD).
 */
import { isUtf8 } from 'node:buffer';

export interface BodyView {
  readonly bytes: Uint8Array;
  /** Decoded exactly like the SDK's `decodePayloadToString`. */
  readonly text: string;
  readonly validUtf8: boolean;
  readonly hasBom: boolean;
}

export function viewBody(bytes: Uint8Array): BodyView {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return {
    bytes,
    text,
    validUtf8: isUtf8(bytes),
    hasBom: bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
  };
}

export function bodyBytesFrom(body: string, encoding: 'text' | 'base64'): Uint8Array {
  return encoding === 'base64' ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/** JSON.parse that tolerates a leading BOM and surrounding whitespace, and never throws. */
export function parseJsonLoosely(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
