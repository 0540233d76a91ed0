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
import {
  DEFAULT_MUTATION_SEARCH,
  describeBodyChange,
  searchBodyMutations,
  type MutationSearchOptions,
} from './mutation-search.ts';
import { constructEventWithSdk, type SdkOutcome } from './sdk-verifier.ts';
import { analyzeSecret } from './secret-hints.ts';
import { checkSignature } from './signature-check.ts';
import { parseSignatureHeader } from './signature-header.ts';
import { analyzeTimestamp } from './timestamp.ts';
import { reasonMessage } from './reason-messages.ts';
import {
  jsonEventDiagnostic,
  mutationDiagnostic,
  sdkDiagnostic,
  signatureDiagnostic,
  type Findings,
} from './finding-diagnostics.ts';

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
  if (f.header.reordered || f.header.timestamp === null) return 'malformed_header';
  // Another scheme in v1's place (v0=, v2=): the SDK compares it anyway, but there is no v1.
  if (f.header.signatures.every((sig) => sig === '')) return 'no_v1_signature';
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
