/**
 * Signing a console on someone's computer in to the team server (OAuth 2.0 for native apps,
 * RFC 8252 style): the console opens `/auth/client/authorize` in a browser with a loopback
 * `redirect_uri`, a `state` and a PKCE `code_challenge`; the person signs in with the IdP as
 * usual and confirms; the server sends the browser to the loopback address with a one-time
 * code (valid 60 s); the console trades code + verifier at `/auth/client/token` for a session
 * token of its own, used as `Authorization: Bearer` on the API. That session has the person's
 * role and the same idle and absolute expiry as a browser session, and is revoked the same way.
 * The server never hands out the WorkOS key, and the console never sees the IdP's tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { errorEnvelope } from '../web/api-routes.ts';
import { actorOf, type AuditTrail } from './audit.ts';
import { page } from './pages.ts';
import type { Identity, Session, SessionStore } from './sessions.ts';

/** A code not traded within this time is refused. */
const CODE_TTL_MS = 60_000;
/** A consent page not answered within this time must be opened again. */
const CONSENT_TTL_MS = 10 * 60_000;
const MAX_PENDING = 1_000;

interface PendingConsent {
  params: AuthorizeParams;
  /** The browser session that saw the page: only it may answer. */
  sessionId: string;
  createdAt: number;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  identity: Identity;
  createdAt: number;
}

export interface ClientSignInOptions {
  sessions: SessionStore;
  audit: AuditTrail;
  /** The browser's session (cookie), or null. */
  sessionOf(c: Context): Session | null;
  /** Where to send a browser with no session: the IdP sign-in (returning here), or null. */
  signInPath(returnTo: string): string | null;
  addr(c: Context): string | null;
  now?: () => number;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only a console on the person's own machine may receive a code: http on a loopback address. */
export function loopbackRedirect(value: string | undefined): string | null {
  if (!value || value.length > 200) return null;
  try {
    const url = new URL(value);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
    if (url.protocol !== 'http:' || !loopback || !url.port || url.username || url.password || url.hash) return null;
    if (url.search || !/^\/[A-Za-z0-9/_-]{0,60}$/.test(url.pathname)) return null;
    return url.href;
  } catch {
    return null;
  }
}

interface AuthorizeParams {
  redirectUri: string;
  state: string;
  challenge: string;
  clientName: string;
}

function authorizeParams(get: (name: string) => string | undefined): AuthorizeParams | string {
  const redirectUri = loopbackRedirect(get('redirect_uri'));
  if (!redirectUri) return 'redirect_uri must be an http address on this computer (127.0.0.1, [::1] or localhost).';
  const state = get('state') ?? '';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(state)) return 'state is missing or malformed.';
  const challenge = get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return 'code_challenge must be a base64url SHA-256 (43 characters).';
  if ((get('code_challenge_method') ?? 'S256') !== 'S256') return 'Only code_challenge_method=S256 is accepted.';
  const clientName = (get('client_name') ?? 'dsync-console').replace(/[^\x20-\x7e]/g, '').slice(0, 80);
  return { redirectUri, state, challenge, clientName };
}

const badRequest = (reason: string): string =>
  page('This connection request is not valid', `<p>${escape(reason)}</p><p>Start again from the console.</p>`);

const consentPage = (p: AuthorizeParams, who: string, role: string, request: string): string =>
  page(
    'Connect a console to this team server?',
    `<p><b>${escape(p.clientName)}</b> on the computer you are using asks to read this team server as ` +
      `<code>${escape(who)}</code> (${escape(role)}). It gets a session of its own that ends like yours ` +
      '(idle and absolute expiry, sign-out, revocation); it never receives the WorkOS API key.</p>' +
      `<p><a role="button" href="/auth/client/approve?request=${request}">Connect</a> &nbsp; ` +
      `<a role="button" href="/auth/client/approve?request=${request}&amp;deny=1">Cancel</a></p>`,
  );

/** Back to the console on loopback (a page, so the hop is visible and the code is not logged). */
const handBackPage = (to: string, title: string): string =>
  page(
    title,
    `<p><a href="${escape(to)}">Return to the console</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${escape(to)}">`,
  );

const base64url = (buf: Buffer): string => buf.toString('base64url');

export function mountClientSignIn(app: Hono, o: ClientSignInOptions): void {
  const now = o.now ?? Date.now;
  const codes = new Map<string, PendingCode>();
  const consents = new Map<string, PendingConsent>();
  const hash = (code: string): string => createHash('sha256').update(code).digest('hex');
  const dropStale = (): void => {
    const at = now();
    for (const [k, v] of codes) if (at - v.createdAt > CODE_TTL_MS) codes.delete(k);
    for (const [k, v] of consents) if (at - v.createdAt > CONSENT_TTL_MS) consents.delete(k);
    while (codes.size >= MAX_PENDING) codes.delete(codes.keys().next().value!);
    while (consents.size >= MAX_PENDING) consents.delete(consents.keys().next().value!);
  };

  app.get('/auth/client/authorize', (c) => {
    const params = authorizeParams((n) => c.req.query(n));
    if (typeof params === 'string') return c.html(badRequest(params), 400);
    const session = o.sessionOf(c);
    if (!session) {
      const url = new URL(c.req.url);
      const to = o.signInPath(`${url.pathname}${url.search}`);
      if (to) return c.redirect(to, 302);
      return c.html(page('Sign in first', '<p>Open this team server in this browser first, then try again.</p>'), 401);
    }
    dropStale();
    // The answer is a link carrying a one-time id bound to this browser session: unguessable by
    // another site, so following it is the person's own decision (no form: the Referrer-Policy
    // makes browsers send "Origin: null" on form posts, which the CSRF check refuses).
    const request = base64url(randomBytes(24));
    consents.set(request, { params, sessionId: session.id, createdAt: now() });
    return c.html(consentPage(params, actorOf(session), session.role, request));
  });

  app.get('/auth/client/approve', (c) => {
    const id = c.req.query('request') ?? '';
    const consent = consents.get(id);
    const session = o.sessionOf(c);
    if (!consent || !session || session.id !== consent.sessionId || now() - consent.createdAt > CONSENT_TTL_MS) {
      return c.html(badRequest('This confirmation is unknown, already used or expired.'), 400);
    }
    consents.delete(id);
    const params = consent.params;
    const back = new URL(params.redirectUri);
    back.searchParams.set('state', params.state);
    if (c.req.query('deny') !== undefined) {
      back.searchParams.set('error', 'access_denied');
      return c.html(handBackPage(back.href, 'Not connected'));
    }
    const code = base64url(randomBytes(32));
    const { sub, email, name, role } = session;
    codes.set(hash(code), {
      challenge: params.challenge,
      redirectUri: params.redirectUri,
      identity: { sub, email, name, role },
      createdAt: now(),
    });
    back.searchParams.set('code', code);
    return c.html(handBackPage(back.href, 'Connecting the console…'));
  });

  app.post('/auth/client/token', async (c) => {
    let body: Record<string, unknown>;
    try {
      body = (await c.req.json()) as Record<string, unknown>;
    } catch {
      return c.json(errorEnvelope('invalid_input', 'Send code, code_verifier and redirect_uri as JSON.'), 400);
    }
    const code = typeof body.code === 'string' ? body.code : '';
    const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
    const pending = code.length <= 100 ? codes.get(hash(code)) : undefined;
    if (pending) codes.delete(hash(code));
    const refuse = (why: string) => {
      o.audit.record({
        actor: pending ? actorOf(pending.identity) : 'unknown',
        role: pending?.identity.role ?? null,
        clientAddress: o.addr(c),
        action: 'client_sign_in',
        target: null,
        outcome: 'refused',
        details: { reason: why },
      });
      return c.json(errorEnvelope('unauthorized', why), 401);
    };
    if (!pending || now() - pending.createdAt > CODE_TTL_MS) {
      return refuse('The sign-in code is unknown, used or expired; sign in again from the console.');
    }
    const expected = Buffer.from(pending.challenge);
    const actual = Buffer.from(base64url(createHash('sha256').update(verifier).digest()));
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !timingSafeEqual(expected, actual)) {
      return refuse('The code verifier does not match this sign-in.');
    }
    if (body.redirect_uri !== pending.redirectUri) return refuse('redirect_uri differs from the sign-in request.');
    const session = o.sessions.create(pending.identity, 'console');
    o.audit.record({
      actor: actorOf(session),
      role: session.role,
      clientAddress: o.addr(c),
      action: 'client_sign_in',
      target: null,
      outcome: 'ok',
      details: {},
    });
    return c.json({ token: session.id, email: session.email, name: session.name, role: session.role });
  });
}
