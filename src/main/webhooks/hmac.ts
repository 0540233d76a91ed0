/**
 * HMAC-SHA256 exactly as WorkOS signs: key = the secret as UTF-8, message = `${t}.${body}`,
 * lowercase hex. Node's synchronous HMAC is used for the diagnostics (it is much cheaper than
 * WebCrypto for the many candidates the mutation search tries); the verdict itself still
 * comes from the SDK. Text is encoded as UTF-8 the same way the SDK's TextEncoder does.
 */
import { createHmac } from 'node:crypto';

export function signText(secret: string, timestamp: string, bodyText: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(bodyText, 'utf8').digest('hex');
}

/** The signature over the raw bytes, for senders that signed bytes which are not valid UTF-8. */
export function signBytes(secret: string, timestamp: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
}

/** The header value WorkOS sends. */
export function formatSignatureHeader(timestampMs: number | string, signature: string): string {
  return `t=${timestampMs}, v1=${signature}`;
}

export function signatureHeaderFor(secret: string, bodyText: string, timestampMs: number): string {
  return formatSignatureHeader(timestampMs, signText(secret, String(timestampMs), bodyText));
}
