/**
 * The checklist steps that need the verifier's combined findings: the signature as we
 * reproduce it, the body-mutation search, the parsed event, and the SDK's own verdict.
 */
import type { WebhookDiagnostic, WebhookVerdict } from '../../shared/api/webhooks.ts';
import { parseJsonLoosely, type BodyView } from './body.ts';
import { summarizeEvent } from './event-summary.ts';
import { describeBodyChange, type MutationSearchResult } from './mutation-search.ts';
import type { SdkOutcome } from './sdk-verifier.ts';
import type { SecretAnalysis } from './secret-hints.ts';
import type { SignatureCheck } from './signature-check.ts';
import type { ParsedSignatureHeader } from './signature-header.ts';
import type { TimestampAnalysis } from './timestamp.ts';
import { MAX_JSON_DEPTH, tooDeepMessage } from '../../shared/json-depth.ts';

export interface Findings {
  readonly view: BodyView;
  readonly header: ParsedSignatureHeader;
  readonly ts: TimestampAnalysis;
  readonly secrets: readonly SecretAnalysis[];
  readonly sdk: ReadonlyArray<{ index: number; outcome: SdkOutcome }>;
  readonly signature: SignatureCheck;
  readonly mutation: MutationSearchResult | null;
  readonly bodyLooksUntouched: boolean;
  /** The body nests deeper than MAX_JSON_DEPTH: JSON re-serialisations were not tried. */
  readonly tooDeep: boolean;
}

export function signatureDiagnostic(f: Findings): WebhookDiagnostic {
  const s = f.signature;
  const facts = {
    expected: s.match?.expected ?? s.expectedFirst,
    given: s.sdkSignature,
    givenCount: s.givenSignatures.length,
    matchedSecret: s.match ? s.match.secret.index : null,
    signedTimestamp: s.timestamp,
  };
  if (f.secrets.every((x) => x.variants.length === 0) || f.header.blank) {
    return { step: 'signature', status: 'skipped', title: 'Signature', detail: 'Needs a header and a secret.', facts };
  }
  const n = (i: number): string => `#${i + 1}`;
  switch (s.match?.kind) {
    case 'exact':
      return {
        step: 'signature',
        status: 'pass',
        title: `Signature matches secret ${n(s.match.secret.index)}`,
        detail: 'HMAC-SHA256 of "t.body" equals v1.',
        facts,
      };
    case 'other_position':
      return {
        step: 'signature',
        status: 'fail',
        title: `Secret ${n(s.match.secret.index)} matches a v1 value the SDK does not read`,
        detail:
          'The SDK compares only the second comma-separated part. Send the header as "t=<ms>, v1=<hex>" with that signature.',
        facts,
      };
    case 'case_or_whitespace':
      return {
        step: 'signature',
        status: 'fail',
        title: 'Signature matches only after lower-casing or trimming',
        detail: 'The SDK compares the exact text; WorkOS sends lower-case hex with no surrounding spaces.',
        facts,
      };
    case 'secret_cleanup':
      return {
        step: 'signature',
        status: 'fail',
        title: `Secret ${n(s.match.secret.index)} matches once cleaned up`,
        detail: `Remove the ${s.match.secret.fixes.join(' and ').replace('env_assignment', 'NAME= prefix')} from the secret where you store it.`,
        facts,
      };
    default:
      return {
        step: 'signature',
        status: 'fail',
        title: 'No secret reproduces the signature',
        detail: f.bodyLooksUntouched
          ? 'HMAC-SHA256 of "t.body" with each secret differs from v1. The body is compact JSON as WorkOS sends it, so no formatting change explains it: either its content was changed after signing or the secret is not this endpoint\'s.'
          : 'HMAC-SHA256 of "t.body" with each secret differs from v1: the body was changed or the secret is not this endpoint\'s.',
        facts,
      };
  }
}

export function mutationDiagnostic(f: Findings): WebhookDiagnostic {
  const m = f.mutation;
  if (!m) {
    return { step: 'body_mutation', status: 'skipped', title: 'Body changes', detail: 'Not needed.', facts: {} };
  }
  const facts = { candidatesTried: m.candidatesTried, budgetExhausted: m.budgetExhausted, tooDeep: f.tooDeep };
  if (m.match) {
    const what = m.match.changes.map(describeBodyChange).join('; ');
    return {
      step: 'body_mutation',
      status: 'fail',
      title: `Body was modified after WorkOS signed it: ${m.match.changes.join(', ')}`,
      detail: `With secret #${m.match.secret.index + 1} the signature matches the body as it was before: ${what}. Verify the raw request bytes, before any parsing or re-serialising.`,
      facts: { ...facts, matchedSecret: m.match.secret.index, changes: m.match.changes.join(',') },
    };
  }
  if (f.tooDeep && !m.budgetExhausted) {
    return {
      step: 'body_mutation',
      status: 'warn',
      title: tooDeepMessage(),
      detail: `Tried ${m.candidatesTried} byte-level reconstructions (line endings, newline, BOM, whitespace); re-formatted JSON was not tried because the body nests deeper than ${MAX_JSON_DEPTH} levels (a WorkOS event nests fewer than 10).`,
      facts,
    };
  }
  return {
    step: 'body_mutation',
    status: m.budgetExhausted ? 'warn' : 'info',
    title: m.budgetExhausted ? 'Body too large to search every change' : 'No common body change explains it',
    detail: m.budgetExhausted
      ? `Tried ${m.candidatesTried} reconstructions before the search budget ran out.`
      : `Tried ${m.candidatesTried} reconstructions (re-serialised JSON, line endings, newline, BOM, escaping, key order).`,
    facts,
  };
}

export function jsonEventDiagnostic(
  view: BodyView,
  maxChars: number,
): { diagnostic: WebhookDiagnostic; event: WebhookVerdict['event']; parsed: boolean } {
  if (view.bytes.length === 0) {
    return {
      diagnostic: { step: 'json_event', status: 'skipped', title: 'Event', detail: 'No body.', facts: {} },
      event: null,
      parsed: false,
    };
  }
  if (view.text.length > maxChars) {
    return {
      diagnostic: {
        step: 'json_event',
        status: 'info',
        title: 'Body too large to summarise',
        detail: `Over ${maxChars} characters.`,
        facts: { chars: view.text.length },
      },
      event: null,
      parsed: false,
    };
  }
  const parsed = parseJsonLoosely(view.text);
  if (!parsed.ok) {
    return {
      diagnostic: { step: 'json_event', status: 'fail', title: 'Body is not JSON', detail: parsed.error, facts: {} },
      event: null,
      parsed: false,
    };
  }
  const event = summarizeEvent(parsed.value);
  if (!event) {
    return {
      diagnostic: {
        step: 'json_event',
        status: 'warn',
        title: 'JSON, but not a WorkOS event',
        detail: 'Expected an object with id, event, data and created_at.',
        facts: {},
      },
      event: null,
      parsed: true,
    };
  }
  return {
    diagnostic: {
      step: 'json_event',
      status: 'pass',
      title: `${event.type ?? 'event'}: ${event.label}`,
      detail: `Event ${event.id ?? '(no id)'} created ${event.createdAt ?? '(no created_at)'}.`,
      facts: { id: event.id, type: event.type, directoryId: event.directoryId },
    },
    event,
    parsed: true,
  };
}

export function sdkDiagnostic(f: Findings): WebhookDiagnostic {
  if (f.sdk.length === 0)
    return {
      step: 'sdk',
      status: 'skipped',
      title: 'SDK verdict',
      detail: 'No usable secret to give the SDK.',
      facts: {},
    };
  const ok = f.sdk.find((r) => r.outcome.ok);
  if (ok) {
    return {
      step: 'sdk',
      status: 'pass',
      title: `@workos-inc/node accepts it (secret #${ok.index + 1})`,
      detail: 'webhooks.constructEvent succeeded.',
      facts: { matchedSecret: ok.index },
    };
  }
  const first = f.sdk[0]?.outcome;
  const message = first && !first.ok ? first.message : 'rejected';
  return {
    step: 'sdk',
    status: 'fail',
    title: `@workos-inc/node: ${message}`,
    detail: "The SDK's own words; the checklist above says why.",
    facts: { secretsTried: f.sdk.length },
  };
}
