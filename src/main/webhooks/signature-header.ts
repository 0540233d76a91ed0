/**
 * Reads a `WorkOS-Signature` value two ways: by key (`t`, `v1`, anything else) to explain it,
 * and positionally the way the Node SDK does (`split(',')`, then the text after the first
 * `=` of the first two parts, whatever their keys) to predict what the SDK will see.
 */

export interface SignatureHeaderPart {
  readonly index: number;
  readonly raw: string;
  /** Trimmed text before the first `=`, or null when there is no `=`. */
  readonly key: string | null;
  readonly value: string | null;
}

export interface ParsedSignatureHeader {
  readonly raw: string;
  readonly blank: boolean;
  /** The value started with `WorkOS-Signature:` (a whole header line was pasted). */
  readonly includesHeaderName: boolean;
  readonly parts: readonly SignatureHeaderPart[];
  /** Value of the first part keyed `t`. */
  readonly timestamp: string | null;
  /** Every `v1` value, in order. */
  readonly signatures: readonly string[];
  /** Keys other than `t` and `v1` (e.g. `v0`, `v2`). */
  readonly otherKeys: readonly string[];
  /** Parts that have no `=` at all. */
  readonly partsWithoutEquals: readonly string[];
  /** Both present, but `t` is not the first part or `v1` not the second: the SDK reads positions, not keys. */
  readonly reordered: boolean;
  /** Parts separated by `,` without the space WorkOS sends (harmless for Node, fatal for Python). */
  readonly missingSpaceAfterComma: boolean;
  /**
   * How the spacing differs from WorkOS's `t=<ms>, v1=<hex>` (one space after each comma and
   * nowhere else), one phrase per variant, e.g. "2 spaces after a comma"; empty when exact.
   */
  readonly spacingVariants: readonly string[];
  /** What the Node SDK extracts. */
  readonly sdk: SdkHeaderView;
}

export interface SdkHeaderView {
  /** The SDK throws "Signature or timestamp missing" (fewer than two comma-separated parts). */
  readonly missingParts: boolean;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

const HEADER_NAME_PREFIX = /^\s*workos-signature\s*:\s*/i;

function sdkView(raw: string): SdkHeaderView {
  const [t, v1] = raw.split(',');
  if (t === undefined || v1 === undefined) return { missingParts: true, timestamp: undefined, signature: undefined };
  return { missingParts: false, timestamp: t.split('=')[1], signature: v1.split('=')[1] };
}

function spacingVariantsOf(value: string): string[] {
  const out: string[] = [];
  if (/,(?![ \t])/.test(value)) out.push('no space after a comma');
  const runs = [...value.matchAll(/,([ \t]+)/g)].map((m) => m[1] ?? '');
  const longest = Math.max(0, ...runs.map((r) => r.length));
  if (longest > 1) out.push(`${longest} spaces after a comma`);
  if (runs.some((r) => r.includes('\t'))) out.push('a tab after a comma');
  if (/[ \t]+,/.test(value)) out.push('a space before a comma');
  if (/[ \t]=|=[ \t]/.test(value)) out.push('a space around "="');
  if (/^[ \t]/.test(value) || /[ \t]$/.test(value)) out.push('leading or trailing whitespace');
  return out;
}

export function parseSignatureHeader(raw: string): ParsedSignatureHeader {
  const includesHeaderName = HEADER_NAME_PREFIX.test(raw);
  const value = raw.replace(HEADER_NAME_PREFIX, '');
  const parts: SignatureHeaderPart[] = value.split(',').map((part, index) => {
    const eq = part.indexOf('=');
    if (eq < 0) return { index, raw: part, key: null, value: null };
    return { index, raw: part, key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
  });
  const tPart = parts.find((p) => p.key === 't');
  const v1Parts = parts.filter((p) => p.key === 'v1');
  const firstV1 = v1Parts[0];
  return {
    raw,
    blank: raw.trim() === '',
    includesHeaderName,
    parts,
    timestamp: tPart?.value ?? null,
    signatures: v1Parts.map((p) => p.value ?? ''),
    otherKeys: parts.flatMap((p) => (p.key !== null && p.key !== 't' && p.key !== 'v1' ? [p.key] : [])),
    partsWithoutEquals: parts.flatMap((p) => (p.key === null && p.raw.trim() !== '' ? [p.raw.trim()] : [])),
    reordered: tPart !== undefined && firstV1 !== undefined && (tPart.index !== 0 || firstV1.index !== 1),
    missingSpaceAfterComma: /,(?! )/.test(value),
    spacingVariants: spacingVariantsOf(value),
    sdk: sdkView(raw),
  };
}
