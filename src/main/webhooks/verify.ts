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
  futureSentence,
} from './diagnostics.ts';
import {
  DEFAULT_MUTATION_SEARCH,
  describeBodyChange,
  searchBodyMutations,
  type MutationSearchOptions,
} from './mutation-search.ts';
import { constructEventWithSdk, type SdkOutcome } from './sdk-verifier.ts';
import { analyzeSecret, describeSecretHint, type SecretAnalysis, type SecretHint } from './secret-hints.ts';
import { jsonTextDepth, MAX_JSON_DEPTH } from '../../shared/json-depth.ts';
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
  // Our reproduction matches where the SDK's does not: the SDK read the header differently
  // (a later v1, case, or spacing inside the timestamp it signs), so the header is the problem.
  if (kind === 'exact' || kind === 'other_position' || kind === 'case_or_whitespace') return 'malformed_header';
  if (kind === 'secret_cleanup') return 'secret_malformed';
  if (f.mutation?.match) return 'body_modified';
  // A compact body is no evidence about the secret (its content may have been edited):
  // wrong_secret only when a secret itself looks wrong.
  if (secretEvidence(f.secrets) !== null) return 'wrong_secret';
  return 'signature_mismatch';
}

const SUSPECT_HINTS: readonly SecretHint[] = [
  'api_key',
  'client_id',
  'empty',
  'whitespace',
  'newline',
  'quoted',
  'env_assignment',
];

/** Why a secret looks wrong in itself, or null when nothing about the secrets is suspect. */
function secretEvidence(secrets: readonly SecretAnalysis[]): string | null {
  const notes = secrets.flatMap((s) => {
    const hints = s.hints.filter((h) => SUSPECT_HINTS.includes(h));
    return hints.length === 0 ? [] : [`secret #${s.index + 1} ${hints.map(describeSecretHint).join(' and ')}`];
  });
  return notes.length === 0 ? null : notes.join('; ');
}

/** Compact JSON exactly as WorkOS sends it; false for anything too deep to re-serialise. */
function looksUntouched(view: BodyView, maxChars: number): boolean {
  if (view.text.length > maxChars || jsonTextDepth(view.text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return false;
  const parsed = parseJsonLoosely(view.text);
  return parsed.ok && JSON.stringify(parsed.value) === view.text;
}

/** The SDK's verdict on every usable secret, in order, stopping at the first that verifies. */
async function sdkVerdicts(
  req: VerifyRequest,
  secrets: readonly SecretAnalysis[],
): Promise<Array<{ index: number; outcome: SdkOutcome }>> {
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
  return sdk;
}

export async function verifyWebhookDelivery(req: VerifyRequest, options: VerifyOptions = {}): Promise<WebhookVerdict> {
  const view = viewBody(req.body);
  const header = parseSignatureHeader(req.header);
  const secrets = req.secrets.map(analyzeSecret);
  const sdk = await sdkVerdicts(req, secrets);
  try {
    return explain(req, options, view, header, secrets, sdk);
  } catch (err) {
    // The explanation is ours; the verdict is the SDK's and must survive any bug in ours.
    return unexplained(view, header, sdk, err);
  }
}

function explain(
  req: VerifyRequest,
  options: VerifyOptions,
  view: BodyView,
  header: ReturnType<typeof parseSignatureHeader>,
  secrets: readonly SecretAnalysis[],
  sdk: Array<{ index: number; outcome: SdkOutcome }>,
): WebhookVerdict {
  const maxSummaryChars = options.maxSummaryChars ?? DEFAULT_MAX_SUMMARY_CHARS;
  const ts = analyzeTimestamp(
    header.timestamp ?? header.sdk.timestamp?.trim() ?? null,
    header.sdk.timestamp,
    req.nowMs,
    req.toleranceMs,
  );
  const valid = sdk.some((r) => r.outcome.ok);
  const signature = header.blank
    ? { timestamp: '', sdkSignature: null, givenSignatures: [], expectedFirst: null, match: null }
    : checkSignature(header, view, secrets);
  const needsSearch = !valid && !header.blank && signature.match === null && view.bytes.length > 0;
  // Re-serialising JSON recurses: a body nested deeper than the limit is searched only for
  // byte-level changes, and the checklist says why.
  const tooDeep = jsonTextDepth(view.text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
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
    tooDeep,
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
    headerFormatDiagnostic(header, valid),
    timestampUnitDiagnostic(ts),
    timestampAgeDiagnostic(ts, req.toleranceMs, req.nowMs),
    secretsDiagnostic(secrets),
    bodyDiagnostic(view),
    signatureDiagnostic(findings),
    mutationDiagnostic(findings),
    json.diagnostic,
    sdkDiagnostic(findings),
  ];
  const futureFinding =
    ts.futureBeyondTolerance && ts.ageMs !== null && ts.sdkAccepts ? futureSentence(ts.ageMs) : null;
  return {
    valid,
    reason,
    message: reasonMessage(reason, findings.signature.match?.secret.index ?? matched, bodyMutation, {
      futureFinding,
      bodyLooksUntouched: findings.bodyLooksUntouched,
      secretEvidence: secretEvidence(secrets),
    }),
    matchedSecret: matched,
    sdkError: sdkError(findings),
    diagnostics,
    bodyMutation,
    event: json.event,
    signatureTimestampMs: ts.asMs,
    bodyBytes: view.bytes.length,
  };
}

/** The SDK's verdict with a one-line note instead of the checklist (never expected to run). */
function unexplained(
  view: BodyView,
  header: ReturnType<typeof parseSignatureHeader>,
  sdk: Array<{ index: number; outcome: SdkOutcome }>,
  err: unknown,
): WebhookVerdict {
  const ok = sdk.find((r) => r.outcome.ok);
  const first = sdk[0]?.outcome;
  const sdkMessage = first && !first.ok ? first.message : null;
  const reason: WebhookReason = ok
    ? 'ok'
    : header.blank
      ? 'missing_header'
      : sdk.length === 0
        ? 'missing_secret'
        : first && !first.ok && first.kind === 'json'
          ? 'invalid_json'
          : 'signature_mismatch';
  const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    valid: ok !== undefined,
    reason,
    message: `${reasonMessage(reason, ok?.index ?? null, null)} (The checklist could not be built for this body: ${why.slice(0, 200)}.)`,
    matchedSecret: ok?.index ?? null,
    sdkError: ok ? null : sdkMessage,
    diagnostics: [
      {
        step: 'sdk',
        status: ok ? 'pass' : 'fail',
        title: ok ? '@workos-inc/node accepts it' : `@workos-inc/node: ${sdkMessage ?? 'rejected'}`,
        detail: `The checklist could not be built for this body (${why.slice(0, 200)}); the verdict is the SDK's.`,
        facts: {},
      },
    ],
    bodyMutation: null,
    event: null,
    signatureTimestampMs: null,
    bodyBytes: view.bytes.length,
  };
}
