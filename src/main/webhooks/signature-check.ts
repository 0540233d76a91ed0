/**
 * Our own reproduction of the signature, per secret, to say which secret matched, show the
 * expected vs the given signature, and spot near misses the SDK only reports as "does not
 * match": a later `v1`, upper-case hex, whitespace, or a secret that matches once cleaned up.
 */
import type { BodyView } from './body.ts';
import { signText } from './hmac.ts';
import type { SecretAnalysis, SecretVariant } from './secret-hints.ts';
import type { ParsedSignatureHeader } from './signature-header.ts';

export type SignatureMatchKind =
  | 'exact' // the SDK-visible signature equals the expected one
  | 'other_position' // a v1 value other than the one the SDK reads matches
  | 'case_or_whitespace' // matches once lower-cased / trimmed
  | 'secret_cleanup'; // matches with a cleaned-up variant of a secret

export interface SignatureCheck {
  /** The timestamp text signed (the keyed `t`, else what the SDK reads). */
  readonly timestamp: string;
  /** The signature the SDK compares against, untouched. */
  readonly sdkSignature: string | null;
  readonly givenSignatures: readonly string[];
  /** Expected signature for the first usable secret (for display). */
  readonly expectedFirst: string | null;
  readonly match: {
    readonly kind: SignatureMatchKind;
    readonly secret: SecretVariant;
    readonly expected: string;
  } | null;
}

export function checkSignature(
  header: ParsedSignatureHeader,
  view: BodyView,
  secrets: readonly SecretAnalysis[],
): SignatureCheck {
  const timestamp = header.timestamp ?? header.sdk.timestamp?.trim() ?? '';
  const sdkSignature = header.sdk.signature ?? null;
  const given = [...header.signatures];
  if (sdkSignature !== null && !given.includes(sdkSignature.trim())) given.push(sdkSignature.trim());
  const variants = secrets.flatMap((s) => s.variants);
  let expectedFirst: string | null = null;
  let best: SignatureCheck['match'] = null;
  const rank: Record<SignatureMatchKind, number> = {
    exact: 0,
    other_position: 1,
    case_or_whitespace: 2,
    secret_cleanup: 3,
  };
  for (const secret of variants) {
    const expected = signText(secret.value, timestamp, view.text);
    if (expectedFirst === null && secret.fixes.length === 0) expectedFirst = expected;
    let kind: SignatureMatchKind | null = null;
    if (secret.fixes.length > 0) {
      if (given.some((g) => g.trim().toLowerCase() === expected)) kind = 'secret_cleanup';
    } else if (sdkSignature === expected) {
      kind = 'exact';
    } else if (given.includes(expected)) {
      kind = sdkSignature?.trim() === expected ? 'case_or_whitespace' : 'other_position';
    } else if (given.some((g) => g.trim().toLowerCase() === expected)) {
      kind = 'case_or_whitespace';
    }
    if (kind !== null && (best === null || rank[kind] < rank[best.kind])) best = { kind, secret, expected };
    if (best?.kind === 'exact') break;
  }
  return { timestamp, sdkSignature, givenSignatures: given, expectedFirst, match: best };
}
