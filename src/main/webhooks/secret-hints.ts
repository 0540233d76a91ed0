/**
 * Common ways a webhook secret gets pasted wrong: an API key (`sk_…`) instead of the
 * endpoint's secret, surrounding whitespace or quotes, a whole `NAME=value` line. Each hint
 * comes with the cleaned-up variant to try. Nothing here ever returns the secret to a caller
 * outside the core: results name secrets by index.
 */

export type SecretHint = 'empty' | 'api_key' | 'client_id' | 'whitespace' | 'quoted' | 'env_assignment' | 'newline';

export interface SecretVariant {
  /** Index of the secret this variant came from. */
  readonly index: number;
  readonly value: string;
  /** The cleanup that produced it; empty for the secret as given. */
  readonly fixes: readonly SecretHint[];
}

export interface SecretAnalysis {
  readonly index: number;
  readonly length: number;
  readonly hints: readonly SecretHint[];
  /** The secret as given (when non-empty) followed by cleaned-up variants that differ from it. */
  readonly variants: readonly SecretVariant[];
}

const QUOTES = /^(["'`])([\s\S]*)\1$/;
const ENV_ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*([\s\S]*)$/;

function cleanups(secret: string): Array<{ value: string; fixes: SecretHint[] }> {
  const out: Array<{ value: string; fixes: SecretHint[] }> = [];
  const trimmed = secret.trim();
  if (trimmed !== secret) out.push({ value: trimmed, fixes: ['whitespace'] });
  const unquoted = QUOTES.exec(trimmed)?.[2];
  if (unquoted !== undefined) out.push({ value: unquoted.trim(), fixes: ['quoted'] });
  const assigned = ENV_ASSIGNMENT.exec(trimmed)?.[1];
  if (assigned !== undefined) {
    const inner = assigned.trim();
    out.push({ value: QUOTES.exec(inner)?.[2] ?? inner, fixes: ['env_assignment'] });
  }
  return out;
}

export function analyzeSecret(secret: string, index: number): SecretAnalysis {
  const hints: SecretHint[] = [];
  if (secret === '') hints.push('empty');
  const trimmed = secret.trim();
  if (/^sk_(test|live)_/.test(trimmed)) hints.push('api_key');
  if (/^client_/.test(trimmed)) hints.push('client_id');
  if (trimmed !== secret) hints.push('whitespace');
  if (/[\r\n]/.test(trimmed)) hints.push('newline');
  if (QUOTES.test(trimmed)) hints.push('quoted');
  if (ENV_ASSIGNMENT.test(trimmed)) hints.push('env_assignment');
  const variants: SecretVariant[] = secret === '' ? [] : [{ index, value: secret, fixes: [] }];
  const seen = new Set([secret]);
  for (const { value, fixes } of cleanups(secret)) {
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    variants.push({ index, value, fixes });
  }
  return { index, length: secret.length, hints, variants };
}

export function describeSecretHint(hint: SecretHint): string {
  switch (hint) {
    case 'empty':
      return 'is empty';
    case 'api_key':
      return 'looks like a WorkOS API key (sk_…), not the webhook endpoint secret shown in the dashboard under Webhooks';
    case 'client_id':
      return 'looks like a client ID, not the webhook endpoint secret';
    case 'whitespace':
      return 'has leading or trailing whitespace';
    case 'newline':
      return 'contains a line break';
    case 'quoted':
      return 'is wrapped in quotes';
    case 'env_assignment':
      return 'looks like a whole NAME=value line';
  }
}
