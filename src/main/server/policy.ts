/**
 * When the team server agrees to start. Beyond loopback it must authenticate (an IdP), must
 * not carry sessions in clear (TLS here, or a TLS-terminating reverse proxy the operator vouches
 * for with --trust-proxy and an https public URL), and must encrypt API keys at rest. Each
 * refusal says why and what to do.
 */
import { isLoopbackHost } from '../web/access.ts';
import type { ServerConfig } from './config.ts';

export interface ListenPlan {
  host: string;
  port: number;
  tls: boolean;
  trustProxy: boolean;
  publicUrl?: string;
}

export class RefusedToStart extends Error {
  override name = 'RefusedToStart';
}

export function checkListenPolicy(
  plan: ListenPlan,
  config: ServerConfig,
  tlsFiles: { cert?: string; key?: string },
): void {
  if (Boolean(tlsFiles.cert) !== Boolean(tlsFiles.key)) {
    throw new RefusedToStart(
      'Give both --tls-cert and --tls-key (the certificate chain and its private key), or neither.',
    );
  }
  const loopback = isLoopbackHost(plan.host);
  if (plan.trustProxy) {
    if (!plan.publicUrl) {
      throw new RefusedToStart('--trust-proxy needs --public-url: the https address people use through the proxy.');
    }
    if (!plan.publicUrl.startsWith('https:') && !loopback) {
      throw new RefusedToStart(`--public-url must be https behind a reverse proxy (got ${plan.publicUrl}).`);
    }
  }
  if (loopback) return;
  if (!config.oidc) {
    throw new RefusedToStart(
      `Refusing to listen on ${plan.host}: no sign-in is configured, so anyone who can reach the port could read ` +
        'every directory and use the API key. Configure an OpenID Connect issuer (oidc in --config, or ' +
        'DSYNC_OIDC_ISSUER, DSYNC_OIDC_CLIENT_ID, DSYNC_OIDC_CLIENT_SECRET), or listen on 127.0.0.1.',
    );
  }
  if (!plan.tls && !plan.trustProxy) {
    throw new RefusedToStart(
      `Refusing plain HTTP on ${plan.host}: session cookies and sign-ins would cross the network in clear. ` +
        'Give --tls-cert and --tls-key, or put a TLS-terminating reverse proxy in front and pass --trust-proxy ' +
        'with --public-url https://….',
    );
  }
  if (!plan.publicUrl) {
    throw new RefusedToStart(
      `Give --public-url (e.g. https://dsync.example.com): the identity provider sends people back to it, ` +
        `and ${plan.host} is not an address a browser can use.`,
    );
  }
  if (!config.keyEncryptionKey) {
    throw new RefusedToStart(
      'A team server keeps the WorkOS API key encrypted at rest: set DSYNC_KEY_ENCRYPTION_KEY (32 bytes, base64) ' +
        'or keyEncryptionKeyFile in --config (create one with "openssl rand -base64 32").',
    );
  }
}
