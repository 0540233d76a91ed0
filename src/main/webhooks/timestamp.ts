/**
 * What the `t` in a signature header means: its unit (WorkOS sends milliseconds), its age
 * against the tolerance, and whether it lies in the future. The Node SDK only rejects the
 * past (`parseInt(t) < now - tolerance`); Python, Go and Ruby compare the absolute difference.
 */

export type TimestampUnit = 'ms' | 's' | 'us' | 'ns' | 'unknown';

export interface TimestampAnalysis {
  readonly raw: string | null;
  /** The text is a plain run of digits. */
  readonly digitsOnly: boolean;
  readonly unit: TimestampUnit;
  /** The timestamp converted to ms using the detected unit (ms when unknown), or null. */
  readonly asMs: number | null;
  /** now − asMs; negative means the future. */
  readonly ageMs: number | null;
  /** What the Node SDK's check decides: `!(parseInt(t, 10) < now - tolerance)`. */
  readonly sdkAccepts: boolean;
  readonly future: boolean;
  /** Further in the future than the tolerance: other SDKs would reject it. */
  readonly futureBeyondTolerance: boolean;
}

const UNIT_FACTORS: ReadonlyArray<[TimestampUnit, number, number, number]> = [
  // unit, factor to ms, lower bound (inclusive), upper bound (exclusive) of the raw value
  ['s', 1_000, 1e8, 1e11],
  ['ms', 1, 1e11, 1e14],
  ['us', 1e-3, 1e14, 1e17],
  ['ns', 1e-6, 1e17, 1e20],
];

export function detectUnit(value: number): TimestampUnit {
  for (const [unit, , low, high] of UNIT_FACTORS) if (value >= low && value < high) return unit;
  return 'unknown';
}

export function analyzeTimestamp(
  raw: string | null,
  sdkRaw: string | undefined,
  nowMs: number,
  toleranceMs: number,
): TimestampAnalysis {
  const sdkParsed = parseInt(sdkRaw ?? '', 10);
  // NaN < x is false, so the SDK lets an unparsable timestamp through to the signature check.
  const sdkAccepts = !(sdkParsed < nowMs - toleranceMs);
  const digitsOnly = raw !== null && /^\d+$/.test(raw);
  const numeric = raw !== null && /^\s*\d+/.test(raw) ? parseInt(raw, 10) : NaN;
  if (!Number.isFinite(numeric)) {
    return {
      raw,
      digitsOnly,
      unit: 'unknown',
      asMs: null,
      ageMs: null,
      sdkAccepts,
      future: false,
      futureBeyondTolerance: false,
    };
  }
  const unit = detectUnit(numeric);
  const factor = UNIT_FACTORS.find(([u]) => u === unit)?.[1] ?? 1;
  const asMs = numeric * factor;
  const ageMs = nowMs - asMs;
  return {
    raw,
    digitsOnly,
    unit,
    asMs,
    ageMs,
    sdkAccepts,
    future: ageMs < 0,
    futureBeyondTolerance: -ageMs > toleranceMs,
  };
}

export function describeDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (!Number.isFinite(abs)) return 'an unbounded time';
  if (abs < 1_000) return `${Math.round(abs)} ms`;
  if (abs < 600_000) return `${Math.round(abs / 1_000)} s`;
  if (abs < 7_200_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < 172_800_000) return `${Math.round(abs / 3_600_000)} h`;
  if (abs < 3.15e12) return `${Math.round(abs / 86_400_000)} days`;
  return `${Math.round(abs / 3.1536e10)} years`;
}
