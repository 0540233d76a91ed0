/**
 * A realistic example delivery for "Try an example", signed in the browser with WebCrypto
 * exactly as WorkOS signs (`t=<ms>, v1=hex(HMAC-SHA256(secret, "<t>.<raw body>"))`). The
 * "re-serialized" variant pretty-prints the body after signing: the most common reason
 * verification fails in real handlers.
 */

export const EXAMPLE_SECRET = 'example-webhook-secret-not-a-real-one';

async function hmacHex(secret: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
  return [...sig].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function exampleEvent(now: Date) {
  return {
    id: 'event_01JEXAMPLE7Q2W8R5T0Y3U6I9O',
    event: 'dsync.user.updated',
    data: {
      object: 'directory_user',
      id: 'directory_user_01JEXAMPLE4K8M2N6P0R3S5T7V',
      directory_id: 'directory_01JEXAMPLE1A2B3C4D5E6F7G8H',
      organization_id: 'org_01JEXAMPLE9Z8Y7X6W5V4U3T2S',
      idp_id: '00u1example',
      email: 'priya.natarajan@example.com',
      first_name: 'Priya',
      last_name: 'Natarajan',
      state: 'active',
      custom_attributes: { department: 'Finance', job_title: 'Controller' },
      created_at: '2026-01-12T09:30:00.000Z',
      updated_at: now.toISOString(),
      previous_attributes: { custom_attributes: { department: 'Accounting' } },
    },
    created_at: now.toISOString(),
  };
}

export interface ExampleDelivery {
  body: string;
  header: string;
  secret: string;
  /** The delivery as a raw HTTP request, as a developer would paste it from logs. */
  rawRequest: string;
}

export async function buildExampleDelivery(variant: 'valid' | 'reserialized'): Promise<ExampleDelivery> {
  const now = new Date();
  const event = exampleEvent(now);
  const signedBody = JSON.stringify(event);
  const t = String(now.getTime());
  const header = `t=${t}, v1=${await hmacHex(EXAMPLE_SECRET, `${t}.${signedBody}`)}`;
  const body = variant === 'valid' ? signedBody : JSON.stringify(event, null, 2);
  const rawRequest = [
    'POST /webhooks/workos HTTP/1.1',
    'Host: api.example.com',
    'Content-Type: application/json',
    `WorkOS-Signature: ${header}`,
    '',
    body,
  ].join('\r\n');
  return { body, header, secret: EXAMPLE_SECRET, rawRequest };
}
