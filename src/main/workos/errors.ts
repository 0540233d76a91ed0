/**
 * One error type for everything the WorkOS client can fail with, classified so callers can
 * decide (retry, mark the key invalid, tombstone a directory) and messages say what to do.
 */
export type WorkosErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'timeout'
  | 'server'
  | 'network'
  | 'bad_request'
  | 'malformed_response'
  | 'too_large'
  | 'cancelled';

export class WorkosApiError extends Error {
  constructor(
    readonly kind: WorkosErrorKind,
    message: string,
    readonly details: { status?: number; path?: string; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'WorkosApiError';
  }

  get retryable(): boolean {
    // A cut-short JSON body is a transport accident; retrying a GET is safe.
    return ['rate_limited', 'timeout', 'server', 'network', 'malformed_response'].includes(this.kind);
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  rawStatus?: number;
  retryAfter?: number | null;
  cause?: unknown;
}

function plainWords(kind: WorkosErrorKind, path: string, status: number | undefined, detail: string): string {
  switch (kind) {
    case 'unauthorized':
      return 'WorkOS rejected the API key (401). Check that the key is correct and belongs to this environment.';
    case 'forbidden':
      return 'The API key is valid but not allowed to read Directory Sync (403). Use a key with Directory Sync access.';
    case 'not_found':
      return `WorkOS has no such resource (${path}, 404).`;
    case 'rate_limited':
      return `WorkOS rate limit reached on ${path} (429).`;
    case 'timeout':
      return `WorkOS did not answer ${path} in time (${detail}).`;
    case 'server':
      return `WorkOS had a server error on ${path} (${status ?? '5xx'}).`;
    case 'network':
      return `Cannot reach the WorkOS API (${detail}). Check the network and the API base URL.`;
    case 'bad_request':
      return `WorkOS refused the request ${path} (${status ?? 400}): ${detail}`;
    case 'malformed_response':
      return `WorkOS sent a response for ${path} that is not valid JSON: ${detail}`;
    case 'too_large':
      return `WorkOS's response to ${path} is too large: ${detail}`;
    case 'cancelled':
      return 'The request was cancelled.';
  }
}

function kindForStatus(status: number): WorkosErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Maps whatever the SDK (or fetch underneath it) threw onto a WorkosApiError. */
export function classifyError(err: unknown, path: string): WorkosApiError {
  if (err instanceof WorkosApiError) return err;
  const e = (err ?? {}) as ErrorLike;
  // Our own transport errors (e.g. the response size cap) may come back wrapped by the SDK.
  if (e.cause instanceof WorkosApiError) return e.cause;
  const detail = e.message ?? String(err);
  // The SDK wraps transport failures as `Error("Unexpected error: …", { cause })`.
  const cause = e.cause as ErrorLike | undefined;
  if (e.name === 'ParseError' || cause?.name === 'ParseError') {
    const parse = e.name === 'ParseError' ? e : cause!;
    const raw = parse.rawStatus ?? 200;
    if (raw >= 200 && raw < 300) {
      return new WorkosApiError(
        'malformed_response',
        plainWords('malformed_response', path, raw, parse.message ?? ''),
        { status: raw, path, cause: err },
      );
    }
    const kind = kindForStatus(raw);
    return new WorkosApiError(kind, plainWords(kind, path, raw, parse.message ?? ''), {
      status: raw,
      path,
      cause: err,
    });
  }
  if (typeof e.status === 'number') {
    const kind = kindForStatus(e.status);
    const retryAfterMs = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter * 1000 : null;
    return new WorkosApiError(kind, plainWords(kind, path, e.status, detail), {
      status: e.status,
      path,
      retryAfterMs,
      cause: err,
    });
  }
  const causeText = cause
    ? `${cause.message ?? ''} ${String((cause.cause as { code?: string } | undefined)?.code ?? '')}`.trim()
    : detail;
  return new WorkosApiError('network', plainWords('network', path, undefined, causeText || detail), {
    path,
    cause: err,
  });
}
