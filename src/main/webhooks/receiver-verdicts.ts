/**
 * Verdicts for requests the receiver answers without verifying them (wrong path, wrong
 * method, too large, or verification itself failing), so that every request it answers is
 * stored with a reason like any delivery.
 */
import type { WebhookDiagnostic, WebhookReason, WebhookVerdict } from '../../shared/api/webhooks.ts';
import { reasonMessage } from './reason-messages.ts';

function refused(
  reason: WebhookReason,
  bytes: number,
  diagnostic: WebhookDiagnostic,
  message?: string,
): WebhookVerdict {
  return {
    valid: false,
    reason,
    message: message ?? reasonMessage(reason, null, null),
    matchedSecret: null,
    sdkError: null,
    diagnostics: [diagnostic],
    bodyMutation: null,
    event: null,
    signatureTimestampMs: null,
    bodyBytes: bytes,
  };
}

export function tooLargeVerdict(bytes: number, limit: number, read: boolean): WebhookVerdict {
  return refused(
    'body_too_large',
    bytes,
    {
      step: 'body',
      status: 'fail',
      title: 'Body too large',
      detail: `WorkOS events are small; a body this large is not a WorkOS delivery. It was not verified; ${
        read ? `its first ${limit} bytes are stored` : 'Content-Length announced it, so it was not read'
      }.`,
      facts: { bytes, limit, read },
    },
    `The body is larger than the receiver accepts (${limit} bytes).`,
  );
}

export function wrongPathVerdict(path: string, expected: string, bytes: number): WebhookVerdict {
  return refused('wrong_path', bytes, {
    step: 'header_present',
    status: 'fail',
    title: 'Not the receiver path',
    detail: `The receiver listens at POST ${expected}; this request came to another path. Check the endpoint URL configured in WorkOS.`,
    facts: { path: path.slice(0, 200), expected },
  });
}

export function wrongMethodVerdict(method: string, bytes: number): WebhookVerdict {
  return refused('method_not_allowed', bytes, {
    step: 'header_present',
    status: 'fail',
    title: `${method.slice(0, 20)} instead of POST`,
    detail: 'WorkOS delivers webhooks with POST; this request was answered 405 and not verified.',
    facts: { method: method.slice(0, 20) },
  });
}

export function notVerifiedVerdict(bytes: number, err: unknown): WebhookVerdict {
  const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return refused('not_verified', bytes, {
    step: 'sdk',
    status: 'fail',
    title: 'Verification failed',
    detail: `The receiver could not verify this delivery (${why.slice(0, 200)}); it answered 503 so the sender retries.`,
    facts: {},
  });
}

export function badRequestVerdict(code: string, status: number): WebhookVerdict {
  return refused('bad_request', 0, {
    step: 'header_present',
    status: 'fail',
    title: status === 431 ? 'Headers too large' : 'Not a well-formed HTTP request',
    detail: `HTTP parsing refused the request (${code.slice(0, 40)}), so it was answered ${status} and not read; WorkOS never sends such requests.`,
    facts: { code: code.slice(0, 40), status },
  });
}
