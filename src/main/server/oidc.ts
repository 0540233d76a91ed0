/**
 * Sign-in with the company's identity provider: OpenID Connect authorization code flow with
 * PKCE, nonce and state, through `openid-client` (v6). The pending state of a sign-in lives
 * on the server, keyed by the `state` value, which is also put in a short-lived cookie so a
 * callback is accepted only in the browser that started it (login CSRF).
 */
import * as client from 'openid-client';
import { isLoopbackHost } from '../web/access.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  /** Where the IdP sends the browser back: `<public url>/auth/callback`. */
  redirectUri: string;
}

interface Pending {
  verifier: string;
  nonce: string;
  returnTo: string;
  createdAt: number;
}

/** A sign-in not finished within this time must start again. */
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

export class SignInError extends Error {
  override name = 'SignInError';
}

export class OidcSignIn {
  private config: client.Configuration | null = null;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get ready(): boolean {
    return this.config !== null;
  }

  /** Resolves once discovery has succeeded. */
  whenReady(): Promise<void> {
    return this.config ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Fetches the issuer's discovery document and keys; the server is not ready before. */
  async discover(): Promise<void> {
    const issuer = new URL(this.settings.issuer);
    // Plain http is allowed only for an issuer on this machine (tests, a local IdP).
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname.replace(/^\[|\]$/g, ''));
    if (issuer.protocol === 'http:' && !insecure) {
      throw new SignInError(`The OIDC issuer ${issuer.origin} must use https (plain http only on loopback).`);
    }
    const auth = this.settings.clientSecret ? client.ClientSecretPost(this.settings.clientSecret) : client.None();
    this.config = await client.discovery(
      issuer,
      this.settings.clientId,
      undefined,
      auth,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Starts a sign-in: the URL to send the browser to and the state for the cookie. */
  async begin(returnTo: string): Promise<{ url: string; state: string }> {
    const config = this.requireConfig();
    this.dropStale();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    this.pending.set(state, { verifier, nonce, returnTo, createdAt: this.now() });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a sign-in from the callback URL; `cookieState` is the state cookie of this
   * browser. Returns the ID token's claims (and userinfo's, when the IdP has that endpoint).
   */
  async finish(
    callbackUrl: URL,
    cookieState: string | undefined,
  ): Promise<{ claims: Record<string, unknown>; returnTo: string }> {
    const config = this.requireConfig();
    // The request's own URL names the address the server binds; the IdP redirected to the public one.
    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;
    const state = current.searchParams.get('state');
    if (!state || !cookieState || state !== cookieState) {
      throw new SignInError('This sign-in was not started in this browser, or it already finished. Sign in again.');
    }
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (!pending || this.now() - pending.createdAt > PENDING_TTL_MS) {
      throw new SignInError('This sign-in took too long or was already used. Sign in again.');
    }
    const error = current.searchParams.get('error');
    if (error) throw new SignInError(`The identity provider refused the sign-in (${error.slice(0, 80)}).`);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedNonce: pending.nonce,
        expectedState: state,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new SignInError(`The identity provider's answer was not accepted: ${(err as Error).message}`);
    }
    const idClaims = (tokens.claims() ?? {}) as Record<string, unknown>;
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub as string);
        claims = { ...info, ...idClaims, ...pick(info, ['groups', 'email', 'email_verified', 'name']) };
      } catch {
        // The ID token alone is enough when userinfo is unavailable.
      }
    }
    return { claims, returnTo: pending.returnTo };
  }

  /** Where to send the browser after sign-out, when the IdP supports RP-initiated logout. */
  endSessionUrl(postLogoutRedirectUri: string): string | null {
    const config = this.config;
    if (!config?.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    }).href;
  }

  private requireConfig(): client.Configuration {
    if (!this.config) throw new SignInError('The identity provider has not been reached yet; try again shortly.');
    return this.config;
  }

  private dropStale(): void {
    const at = this.now();
    for (const [state, p] of this.pending) if (at - p.createdAt > PENDING_TTL_MS) this.pending.delete(state);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in obj) out[k] = obj[k];
  return out;
}
