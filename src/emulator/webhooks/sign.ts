/**
 * `WorkOS-Signature: t=<ms>, v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (docs/workos-api.md
 * §3.1): millisecond timestamp, comma + space, lowercase hex over the exact body bytes.
 */
import { createHmac } from 'node:crypto';

export function signatureHeader(body: string, secret: string, timestampMs: number): string {
  const t = String(Math.floor(timestampMs));
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  return `t=${t}, v1=${v1}`;
}
