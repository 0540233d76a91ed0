/**
 * The verifier: the SDK gives the verdict, our own reproduction explains it. Input is the raw
 * body bytes, the header value, secrets, a tolerance and "now"; output is one verdict with a
 * single reason code and a checklist of diagnostics. Never throws for any input.
 */
import type { BodyMutationMatch, WebhookDiagnostic, WebhookReason, WebhookVerdict } from '../../shared/api/webhooks.ts';
import { parseJsonLoosely, viewBody, type BodyView } from './body.ts';
import {
  bodyDiagnostic,
  headerFormatDiagnostic,
  headerPresentDiagnostic,
  secretsDiagnostic,
  timestampAgeDiagnostic,
  timestampUnitDiagnostic,
} from './diagnostics.ts';
import { summarizeEvent } from './event-summary.ts';
import {
  DEFAULT_MUTATION_SEARCH,
  describeBodyChange,
  searchBodyMutations,
  type MutationSearchOptions,
  type MutationSearchResult,
} from './mutation-search.ts';
import { constructEventWithSdk, type SdkOutcome } from './sdk-verifier.ts';
import { analyzeSecret, type SecretAnalysis } from './secret-hints.ts';
import { checkSignature, type SignatureCheck } from './signature-check.ts';
import { parseSignatureHeader, type ParsedSignatureHeader } from './signature-header.ts';
import { analyzeTimestamp, type TimestampAnalysis } from './timestamp.ts';
import { reasonMessage } from './reason-messages.ts';

export interface VerifyRequest {
  readonly body: Uint8Array;
  readonly header: string;
  readonly secrets: readonly string[];
  readonly toleranceMs: number;
  readonly nowMs: number;
}

export interface VerifyOptions {
  readonly mutationSearch?: MutationSearchOptions;
  /** Bodies longer than this are not parsed for the event summary. */
  readonly maxSummaryChars?: number;
}

const DEFAULT_MAX_SUMMARY_CHARS = 16 * 1024 * 1024;

interface Findings {
  readonly view: BodyView;
  readonly header: ParsedSignatureHeader;
  readonly ts: TimestampAnalysis;
  readonly secrets: readonly SecretAnalysis[];
  readonly sdk: ReadonlyArray<{ index: number; outcome: SdkOutcome }>;
  readonly signature: SignatureCheck;
  readonly mutation: MutationSearchResult | null;
  readonly bodyLooksUntouched: boolean;
}

function signatureDiagnostic(f: Findings): WebhookDiagnostic {
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
        detail:
          'HMAC-SHA256 of "t.body" with each secret differs from v1: the body was changed or the secret is not this endpoint\'s.',
        facts,
      };
  }
}

function mutationDiagnostic(f: Findings): WebhookDiagnostic {
  const m = f.mutation;
  if (!m) {
    return { step: 'body_mutation', status: 'skipped', title: 'Body changes', detail: 'Not needed.', facts: {} };
  }
  const facts = { candidatesTried: m.candidatesTried, budgetExhausted: m.budgetExhausted };
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

function jsonEventDiagnostic(
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

function sdkDiagnostic(f: Findings): WebhookDiagnostic {
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

function sdkError(f: Findings): string | null {
  if (f.sdk.some((r) => r.outcome.ok)) return null;
  const first = f.sdk[0]?.outcome;
  return first && !first.ok ? first.message : null;
}

function chooseReason(f: Findings, valid: boolean): WebhookReason {
  if (f.header.blank) return 'missing_header';
  if (f.sdk.length === 0) return 'missing_secret';
  if (valid) return 'ok';
  // The SDK verified the signature and then failed to parse the body.
  const parseFailure = f.sdk.some((r) => !r.outcome.ok && r.outcome.kind === 'json');
  if (parseFailure) return f.view.bytes.length === 0 ? 'empty_body' : 'invalid_json';
  const failure = f.sdk[0]?.outcome;
  const message = failure && !failure.ok ? failure.message : '';
  if (message === 'Signature or timestamp missing') return 'malformed_header';
  if (f.header.reordered) return 'malformed_header';
  if (message === 'No signature hash found with expected scheme v1') return 'no_v1_signature';
  if (message === 'Timestamp outside the tolerance zone') {
    return f.ts.unit === 's' ? 'timestamp_in_seconds' : 'timestamp_outside_tolerance';
  }
  if (f.view.bytes.length === 0) return 'empty_body';
  const kind = f.signature.match?.kind;
  if (kind === 'other_position' || kind === 'case_or_whitespace') return 'malformed_header';
  if (kind === 'secret_cleanup') return 'secret_malformed';
  if (f.mutation?.match) return 'body_modified';
  if (f.secrets.some((s) => s.hints.includes('api_key') || s.hints.includes('client_id'))) return 'wrong_secret';
  if (f.bodyLooksUntouched) return 'wrong_secret';
  return 'signature_mismatch';
}

function looksUntouched(view: BodyView, maxChars: number): boolean {
  if (view.text.length > maxChars) return false;
  const parsed = parseJsonLoosely(view.text);
  return parsed.ok && JSON.stringify(parsed.value) === view.text;
}

export async function verifyWebhookDelivery(req: VerifyRequest, options: VerifyOptions = {}): Promise<WebhookVerdict> {
  const maxSummaryChars = options.maxSummaryChars ?? DEFAULT_MAX_SUMMARY_CHARS;
  const view = viewBody(req.body);
  const header = parseSignatureHeader(req.header);
  const ts = analyzeTimestamp(
    header.timestamp ?? header.sdk.timestamp?.trim() ?? null,
    header.sdk.timestamp,
    req.nowMs,
    req.toleranceMs,
  );
  const secrets = req.secrets.map(analyzeSecret);

  const sdk: Array<{ index: number; outcome: SdkOutcome }> = [];
  for (const s of secrets) {
    if (s.length === 0) continue;
    const outcome = await constructEventWithSdk(
      req.body,
      req.header,
      req.secrets[s.index] ?? '',
      req.toleranceMs,
      req.nowMs,
    );
    sdk.push({ index: s.index, outcome });
    if (outcome.ok) break;
  }
  const valid = sdk.some((r) => r.outcome.ok);
  const signature = header.blank
    ? { timestamp: '', sdkSignature: null, givenSignatures: [], expectedFirst: null, match: null }
    : checkSignature(header, view, secrets);
  const needsSearch = !valid && !header.blank && signature.match === null && view.bytes.length > 0;
  const mutation = needsSearch
    ? searchBodyMutations(
        view,
        signature.timestamp,
        signature.givenSignatures,
        secrets.flatMap((s) => s.variants),
        options.mutationSearch ?? DEFAULT_MUTATION_SEARCH,
      )
    : null;
  const findings: Findings = {
    view,
    header,
    ts,
    secrets,
    sdk,
    signature,
    mutation,
    bodyLooksUntouched: !valid && signature.match === null ? looksUntouched(view, maxSummaryChars) : false,
  };
  const json = jsonEventDiagnostic(view, maxSummaryChars);
  const reason = chooseReason(findings, valid);
  const matched = sdk.find((r) => r.outcome.ok)?.index ?? null;
  const bodyMutation: BodyMutationMatch | null = mutation?.match
    ? {
        changes: [...mutation.match.changes],
        description: mutation.match.changes.map(describeBodyChange).join('; '),
        secretIndex: mutation.match.secret.index,
        signedBody: mutation.match.signedText,
      }
    : null;
  const diagnostics: WebhookDiagnostic[] = [
    headerPresentDiagnostic(header),
    headerFormatDiagnostic(header),
    timestampUnitDiagnostic(ts),
    timestampAgeDiagnostic(ts, req.toleranceMs, req.nowMs),
    secretsDiagnostic(secrets),
    bodyDiagnostic(view),
    signatureDiagnostic(findings),
    mutationDiagnostic(findings),
    json.diagnostic,
    sdkDiagnostic(findings),
  ];
  return {
    valid,
    reason,
    message: reasonMessage(reason, findings.signature.match?.secret.index ?? matched, bodyMutation),
    matchedSecret: matched,
    sdkError: sdkError(findings),
    diagnostics,
    bodyMutation,
    event: json.event,
    signatureTimestampMs: ts.asMs,
    bodyBytes: view.bytes.length,
  };
}
