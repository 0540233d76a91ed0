/**
 * Bounds on every request to WorkOS, so a server that accepts and never answers, or answers
 * with far too much, fails with a clear message in a known time and memory:
 *  - a per-attempt timeout (the SDK's, covering headers and body);
 *  - a cap on the response body, counted as it streams in (a 400 MB answer is cut off at the
 *    cap instead of being buffered whole);
 *  - a fixed number of attempts, so a request fails within `failureBoundMs`.
 * Settable by environment (the CLI's flags set these too) so tests can use short ones.
 */
import { asciiJsonText } from './ascii-json-text.ts';
import { WorkosApiError } from './errors.ts';
import type { RetryPolicy } from './retry.ts';

export interface RequestBounds {
  /** One attempt, headers and body, in ms. */
  timeoutMs: number;
  /** Largest response body accepted, in bytes (after decompression). */
  maxResponseBytes: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
}

/**
 * 15 s per attempt (a 100-record page normally takes well under a second), 32 MiB per
 * response (a page of 100 users is typically 100–300 KB), 6 attempts.
 */
export const DEFAULT_REQUEST_BOUNDS: RequestBounds = {
  timeoutMs: 15_000,
  maxResponseBytes: 32 * 1024 * 1024,
  maxAttempts: 6,
};

export const REQUEST_BOUND_ENV = {
  timeoutMs: 'DSYNC_CONSOLE_REQUEST_TIMEOUT_MS',
  maxResponseBytes: 'DSYNC_CONSOLE_MAX_RESPONSE_BYTES',
  maxAttempts: 'DSYNC_CONSOLE_REQUEST_ATTEMPTS',
} as const;

const LIMITS: Record<keyof RequestBounds, { min: number; max: number; unit: string }> = {
  timeoutMs: { min: 50, max: 600_000, unit: 'ms' },
  maxResponseBytes: { min: 1024, max: 1024 * 1024 * 1024, unit: 'bytes' },
  maxAttempts: { min: 1, max: 20, unit: 'attempts' },
};

/** A value for one bound, checked; the message names the setting and what is allowed. */
export function parseBound(name: keyof RequestBounds, raw: string, source: string): number {
  const { min, max, unit } = LIMITS[name];
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${source} must be a whole number of ${unit} from ${min} to ${max} (got "${raw.slice(0, 40)}").`);
  }
  return value;
}

/** The defaults, overridden by any of the DSYNC_CONSOLE_* variables that are set. */
export function requestBoundsFromEnv(env: Record<string, string | undefined> = process.env): RequestBounds {
  const bounds = { ...DEFAULT_REQUEST_BOUNDS };
  for (const key of Object.keys(REQUEST_BOUND_ENV) as (keyof RequestBounds)[]) {
    const raw = env[REQUEST_BOUND_ENV[key]];
    if (raw !== undefined && raw !== '') bounds[key] = parseBound(key, raw, REQUEST_BOUND_ENV[key]);
  }
  return bounds;
}

/**
 * The longest a request can take to fail when every attempt times out: each attempt's
 * timeout plus the longest backoff before each retry. With the defaults: 6 × 15 s + 7.75 s
 * = 97.75 s (documented as "within 100 s"). Waits a server asks for (429 Retry-After) come on top.
 */
export function failureBoundMs(bounds: RequestBounds, policy: RetryPolicy): number {
  let total = bounds.maxAttempts * bounds.timeoutMs;
  for (let attempt = 0; attempt < bounds.maxAttempts - 1; attempt++) {
    total += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  }
  return total;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(method: string, path: string, maxBytes: number, seen: string): WorkosApiError {
  return new WorkosApiError(
    'too_large',
    `WorkOS's response to ${method} ${path} is larger than the ${formatBytes(maxBytes)} limit (${seen}); ` +
      `not reading further. Check the API base URL; raise ${REQUEST_BOUND_ENV.maxResponseBytes} if this is expected.`,
    { path },
  );
}

/**
 * A response whose `text()` (what the SDK reads, then `JSON.parse`s) gives a JSON body as a
 * one-byte string with its non-ASCII characters escaped (ascii-json-text.ts), so a page with a
 * name such as "Szymański" is not decoded into a large two-byte string; other bodies, and JSON
 * that is not valid UTF-8, are decoded as `Response#text` does.
 */
class JsonTextResponse extends Response {
  // Properties, as the fetch types declare them (a method would not override a property).
  override text = async (): Promise<string> => {
    const bytes = new Uint8Array(await this.arrayBuffer());
    const json = /\bjson\b/i.test(this.headers.get('content-type') ?? '') ? asciiJsonText(bytes) : null;
    return json ?? new TextDecoder('utf-8').decode(bytes);
  };

  override json = async (): Promise<unknown> => JSON.parse(await this.text()) as unknown;
}

/**
 * A `fetch` for the SDK that refuses bodies over `maxBytes`: by `Content-Length` before
 * reading anything, else by counting the bytes as they stream in and cancelling the
 * download at the cap (so memory stays near the cap, whatever the server sends).
 */
export function boundedFetch(maxBytes: number, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = init?.method ?? 'GET';
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge(method, url.pathname, maxBytes, `it declares ${formatBytes(declared)}`);
    }
    // Statuses that cannot carry a body (and an absent body) need no counting.
    if (!res.body || [101, 204, 205, 304].includes(res.status)) return res;
    let received = 0;
    const reader = res.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (err) {
          controller.error(err);
          return;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        received += chunk.value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          controller.error(tooLarge(method, url.pathname, maxBytes, `stopped after ${formatBytes(received)}`));
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new JsonTextResponse(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
