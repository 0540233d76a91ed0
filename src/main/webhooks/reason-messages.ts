/** One sentence per reason code: what went wrong and what to do. */
import type { BodyMutationMatch, WebhookReason } from '../../shared/api/webhooks.ts';

/** What the verifier found beyond the reason, for the wording. */
export interface ReasonContext {
  /** The timestamp lies further in the future than the tolerance (Node accepts, Python rejects). */
  readonly futureFinding?: string | null;
  /** The body is compact JSON as WorkOS sends it (so no formatting change explains a mismatch). */
  readonly bodyLooksUntouched?: boolean;
  /** Why the secret is suspect, when it is (`wrong_secret`). */
  readonly secretEvidence?: string | null;
}

export function reasonMessage(
  reason: WebhookReason,
  secretIndex: number | null,
  mutation: BodyMutationMatch | null,
  context: ReasonContext = {},
): string {
  const which = secretIndex === null ? '' : ` (secret #${secretIndex + 1})`;
  switch (reason) {
    case 'ok':
      return context.futureFinding
        ? `Valid for the Node SDK: signed by WorkOS with this secret${which}. ${context.futureFinding}.`
        : `Valid: signed by WorkOS with this secret${which} and within the tolerance.`;
    case 'missing_header':
      return 'No WorkOS-Signature header: pass the header value as WorkOS sent it.';
    case 'malformed_header':
      return 'The WorkOS-Signature header is not in the form "t=<ms>, v1=<hex>" the SDK reads.';
    case 'no_v1_signature':
      return 'The header has no v1 signature.';
    case 'timestamp_outside_tolerance':
      return 'The signature timestamp is older than the tolerance: a replay, a wrong clock, or verification long after receipt.';
    case 'timestamp_in_seconds':
      return 'The timestamp is in seconds; WorkOS sends milliseconds, so the SDK sees a decades-old signature.';
    case 'signature_mismatch':
      return context.bodyLooksUntouched
        ? "The signature does not match. The body is compact JSON as WorkOS sends it, so no formatting change explains it: either the secret is not this endpoint's, or the body's content was changed after signing."
        : "The signature does not match: either the secret is not this endpoint's or the body changed in a way the workbench could not reconstruct.";
    case 'body_modified':
      return `The body was modified after signing (${mutation?.changes.join(', ') ?? 'changed'})${which}: verify the raw request bytes.`;
    case 'wrong_secret':
      return `The secret is most likely wrong: ${context.secretEvidence ?? 'it does not look like a webhook secret'}. Use the endpoint's webhook secret (WorkOS dashboard → Webhooks), not an API key.`;
    case 'secret_malformed':
      return `The secret matches once whitespace or quotes are removed${which}: fix it where it is stored.`;
    case 'missing_secret':
      return "No webhook secret given: paste the endpoint's secret from the WorkOS dashboard.";
    case 'empty_body':
      return 'The body is empty: the framework probably consumed it before verification; read the raw body.';
    case 'invalid_json':
      return 'The signature is valid but the body is not a JSON event, so constructEvent fails.';
    case 'body_too_large':
      return 'The body is larger than the receiver accepts (1 MiB).';
    case 'wrong_path':
      return 'The request came to a path the receiver does not listen on: check the endpoint URL configured in WorkOS.';
    case 'method_not_allowed':
      return 'WorkOS delivers webhooks with POST; this request used another method.';
    case 'bad_request':
      return 'HTTP parsing refused the request (headers too large or malformed): it was not read.';
    case 'not_verified':
      return 'The receiver could not verify this delivery; it answered 503 so the sender retries.';
  }
}
