/** Shared vectors for the webhook tests: events shaped like WorkOS's, signed by the SDK itself. */
import { WorkOS } from '@workos-inc/node';

export const SECRET = 'whsec_test_workbench_0123456789';
export const NOW = 1_780_000_000_000;

const sdk = new WorkOS({ clientId: 'client_test_vectors' }).webhooks;

/** Keys in the order WorkOS's schemas list them (what a delivery looks like on the wire). */
export function userCreatedEvent(overrides: { email?: string; name?: string } = {}): Record<string, unknown> {
  return {
    id: 'event_01HXYZTEST0000000000000001',
    event: 'dsync.user.created',
    data: {
      object: 'directory_user',
      id: 'directory_user_01HXYZUSER00000000000001',
      directory_id: 'directory_01HXYZDIR000000000000001',
      organization_id: 'org_01HXYZORG000000000000001',
      idp_id: '2836',
      email: overrides.email ?? 'zoë.andré@example.com',
      first_name: 'Zoë',
      last_name: overrides.name ?? 'André',
      state: 'active',
      raw_attributes: {},
      custom_attributes: { department: 'Engineering' },
      created_at: '2026-01-15T12:00:00.000Z',
      updated_at: '2026-01-15T12:00:00.000Z',
    },
    created_at: '2026-01-15T12:00:00.000Z',
  };
}

export const BODY = JSON.stringify(userCreatedEvent());

export async function signWithSdk(body: string, secret = SECRET, timestamp: number | string = NOW): Promise<string> {
  return sdk.computeSignature(String(timestamp), body, secret);
}

export async function headerFor(body: string, secret = SECRET, timestamp: number | string = NOW): Promise<string> {
  return `t=${timestamp}, v1=${await signWithSdk(body, secret, timestamp)}`;
}

/** What the SDK itself says, for agreement checks (its clock must be pinned by the caller). */
export async function sdkAccepts(
  body: Uint8Array | string,
  header: string,
  secret: string,
  tolerance = 180_000,
): Promise<boolean> {
  try {
    await sdk.constructEvent({
      payload: typeof body === 'string' ? Buffer.from(body) : body,
      sigHeader: header,
      secret,
      tolerance,
    });
    return true;
  } catch {
    return false;
  }
}
