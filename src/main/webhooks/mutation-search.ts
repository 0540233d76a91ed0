/**
 * When no secret verifies the body as received, look for the body WorkOS actually signed:
 * try each candidate from `bodyCandidates` with each secret until one reproduces a given
 * signature. Bounded by a byte budget (bytes hashed) so a 100 MB body cannot stall the
 * verifier; the result says when the budget cut the search short.
 */
import type { BodyChange } from '../../shared/api/webhooks.ts';
import type { BodyView } from './body.ts';
import { bodyCandidates, DEFAULT_CANDIDATE_LIMITS, type CandidateLimits } from './body-candidates.ts';
import { signBytes, signText } from './hmac.ts';
import type { SecretVariant } from './secret-hints.ts';

export interface MutationSearchOptions {
  /** Total bytes to hash across all candidates and secrets. */
  readonly byteBudget: number;
  readonly limits: CandidateLimits;
}

export const DEFAULT_MUTATION_SEARCH: MutationSearchOptions = {
  byteBudget: 64 * 1024 * 1024,
  limits: DEFAULT_CANDIDATE_LIMITS,
};

export interface MutationMatch {
  readonly changes: readonly BodyChange[];
  readonly signedText: string;
  readonly secret: SecretVariant;
}

export interface MutationSearchResult {
  readonly match: MutationMatch | null;
  readonly candidatesTried: number;
  /** The budget ran out before every candidate was tried. */
  readonly budgetExhausted: boolean;
}

export function searchBodyMutations(
  view: BodyView,
  timestamp: string,
  signatures: readonly string[],
  secrets: readonly SecretVariant[],
  options: MutationSearchOptions = DEFAULT_MUTATION_SEARCH,
): MutationSearchResult {
  const wanted = new Set(signatures.map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
  if (wanted.size === 0 || secrets.length === 0) return { match: null, candidatesTried: 0, budgetExhausted: false };
  let budget = options.byteBudget;
  let tried = 0;
  const costOf = (chars: number): number => (timestamp.length + 1 + chars) * secrets.length;

  // Bytes that are not UTF-8: the sender may have signed the raw bytes, which the SDK cannot
  // reproduce because it decodes the body to text first.
  if (!view.validUtf8) {
    const cost = costOf(view.bytes.length);
    if (cost <= budget) {
      budget -= cost;
      tried++;
      for (const secret of secrets) {
        if (wanted.has(signBytes(secret.value, timestamp, view.bytes))) {
          return {
            match: { changes: ['utf8_decoding'], signedText: view.text, secret },
            candidatesTried: tried,
            budgetExhausted: false,
          };
        }
      }
    }
  }
  // Every candidate is about as long as the body: if even one does not fit, do not build any
  // (on a 100 MB body each would be another 100 MB string).
  if (costOf(view.text.length) > budget) return { match: null, candidatesTried: tried, budgetExhausted: true };
  for (const candidate of bodyCandidates(view, options.limits)) {
    const cost = costOf(candidate.text.length);
    if (cost > budget) return { match: null, candidatesTried: tried, budgetExhausted: true };
    budget -= cost;
    tried++;
    for (const secret of secrets) {
      if (wanted.has(signText(secret.value, timestamp, candidate.text))) {
        return {
          match: { changes: candidate.changes, signedText: candidate.text, secret },
          candidatesTried: tried,
          budgetExhausted: false,
        };
      }
    }
  }
  return { match: null, candidatesTried: tried, budgetExhausted: false };
}

export function describeBodyChange(change: BodyChange): string {
  switch (change) {
    case 'whitespace':
      return 'the JSON was re-formatted (indentation or spacing changed)';
    case 'key_order':
      return 'object keys were reordered';
    case 'unicode_escaping':
      return 'non-ASCII characters were escaped or unescaped (\\u00e9 vs é)';
    case 'line_endings':
      return 'line endings changed (CRLF vs LF)';
    case 'trailing_newline':
      return 'a trailing newline was added or removed';
    case 'bom':
      return 'a UTF-8 byte-order mark (BOM) was added';
    case 'surrounding_whitespace':
      return 'whitespace was added around the body';
    case 'double_encoded':
      return 'the body was JSON-encoded twice (a JSON string containing the JSON)';
    case 'reserialized':
      return 'the body was parsed and serialised again (numbers, escapes or spacing differ)';
    case 'utf8_decoding':
      return 'the sender signed raw bytes that are not valid UTF-8; the SDK decodes them to text first';
  }
}
