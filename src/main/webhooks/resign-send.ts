/**
 * Re-sign a payload with a fresh timestamp and a chosen secret, and POST it like WorkOS does.
 * Used to replay inbox items, to forward from `listen`, and by the workbench's "send".
 * The result carries the signature header (safe to show) but never the secret.
 */
import type { SendResult } from '../../shared/api/webhooks.ts';
import { signatureHeaderFor } from './hmac.ts';

const EXCERPT_CHARS = 2_000;

export interface SendOptions {
  readonly url: string;
  readonly secret: string;
  /** Exact body text to sign and send. */
  readonly payload: string;
  readonly timeoutMs: number;
  readonly nowMs?: number;
  readonly fetchFn?: typeof fetch;
}

export async function resignAndSend(options: SendOptions): Promise<SendResult> {
  const timestampMs = options.nowMs ?? Date.now();
  const signatureHeader = signatureHeaderFor(options.secret, options.payload, timestampMs);
  const doFetch = options.fetchFn ?? fetch;
  try {
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'WorkOS-Signature': signatureHeader,
        'User-Agent': 'dsync-console-webhook-replay',
      },
      body: options.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text().catch(() => '');
    return {
      status: response.status,
      ok: response.ok,
      signatureHeader,
      timestampMs,
      responseExcerpt: text.slice(0, EXCERPT_CHARS),
      error: null,
    };
  } catch (err) {
    const reason =
      err instanceof Error
        ? err.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : err.cause instanceof Error
            ? err.cause.message
            : err.message
        : String(err);
    return {
      status: null,
      ok: false,
      signatureHeader,
      timestampMs,
      responseExcerpt: '',
      error: `Could not reach ${options.url}: ${reason}`,
    };
  }
}
