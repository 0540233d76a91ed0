/**
 * The verdict itself comes from the official SDK: `webhooks.constructEvent` on the raw body
 * bytes. The SDK reads the clock (`Date.now()`) and offers no "now" parameter, so a chosen
 * "now" is expressed by shifting the tolerance: `t < Date.now() - (tol + Date.now() - now)`
 * is `t < now - tol`. The shift is computed in the same synchronous turn in which the SDK
 * performs its comparison (before its first await).
 */
import { WorkOS } from '@workos-inc/node';

export type SdkFailureKind = 'signature' | 'json' | 'secret' | 'other';

export type SdkOutcome =
  { readonly ok: true } | { readonly ok: false; readonly kind: SdkFailureKind; readonly message: string };

type WebhooksClient = WorkOS['webhooks'];
let webhooks: WebhooksClient | null = null;

function sdkWebhooks(): WebhooksClient {
  // Verification is offline; the SDK only insists on an API key or a client id to construct.
  webhooks ??= new WorkOS({ clientId: 'client_offline_webhook_verifier' }).webhooks;
  return webhooks;
}

function classify(err: unknown): SdkOutcome {
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'SignatureVerificationException') return { ok: false, kind: 'signature', message };
  if (name === 'SyntaxError' || name === 'TypeError') return { ok: false, kind: 'json', message };
  if (name === 'DataError') return { ok: false, kind: 'secret', message };
  return { ok: false, kind: 'other', message: `${name}: ${message}` };
}

export async function constructEventWithSdk(
  body: Uint8Array,
  header: string,
  secret: string,
  toleranceMs: number,
  nowMs: number,
): Promise<SdkOutcome> {
  try {
    const client = sdkWebhooks();
    const tolerance = toleranceMs + (Date.now() - nowMs);
    await client.constructEvent({ payload: body, sigHeader: header, secret, tolerance });
    return { ok: true };
  } catch (err) {
    return classify(err);
  }
}
