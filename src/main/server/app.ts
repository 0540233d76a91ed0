/**
 * The team server's HTTP app: health probes, sign-in with the IdP (or, on loopback without an
 * IdP, the web console's one-time link), sessions in cookies, the ConsoleApi with each call
 * made as the signed-in person's role and written to the audit trail, and the console's UI.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ConsoleCore } from '../core/console-core.ts';
import type { AccessControl } from '../web/access.ts';
import { errorEnvelope, mountApiRoutes, type OpenStreams } from '../web/api-routes.ts';
import { forbiddenHostPage, rendererMissingPage, unauthorizedPage } from '../web/messages.ts';
import { securityHeaders } from '../web/security-headers.ts';
import { actorOf, type AuditTrail } from './audit.ts';
import { mountClientSignIn } from './client-sign-in.ts';
import { roleFor, type RoleMap } from './config.ts';
import type { JsonLog } from './json-log.ts';
import { SignInError, type OidcSignIn } from './oidc.ts';
import { continuePage, noRolePage, signInFailedPage } from './pages.ts';
import { clientAddress, type RequestGuard } from './request-guard.ts';
import type { Session, SessionStore } from './sessions.ts';

export type ServerAuth =
  | { kind: 'oidc'; signIn: OidcSignIn; roleMap: RoleMap }
  /** Loopback only: the one-time link printed at start makes its holder the admin. */
  | { kind: 'local'; access: AccessControl };

export interface ServerAppOptions {
  core: ConsoleCore;
  auth: ServerAuth;
  sessions: SessionStore;
  guard: RequestGuard;
  /** Cookies get `Secure` (and the `__Host-` prefix) when the public URL is https. */
  secure: boolean;
  trustProxy: boolean;
  rendererDir: string;
  log: JsonLog;
  audit: AuditTrail;
  /** Whether the server can answer (store open, IdP discovered). */
  readiness(): { ready: boolean; checks: Record<string, string> };
  openStreams: OpenStreams;
}

const STATE_COOKIE = 'dsync_signin_state';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-dsync_session' : 'dsync_team_session';
}

type Vars = { Variables: { session: Session } };

export function createServerApp(o: ServerAppOptions): Hono<Vars> {
  const app = new Hono<Vars>();
  const cookieName = sessionCookieName(o.secure);
  const secureAttr = o.secure ? '; Secure' : '';
  const sessionCookie = (id: string): string => `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/${secureAttr}`;
  const clearSession = `${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secureAttr}`;
  const addr = (c: Context): string | null => clientAddress(c, o.trustProxy);
  // A browser carries its session in the cookie; a console connected from someone's computer
  // (client-sign-in.ts) sends its own session as a bearer token, which browsers never attach
  // by themselves (so no CSRF through it).
  const sessionIdOf = (c: Context): string | undefined => {
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(c.req.header('authorization') ?? '');
    return bearer ? bearer[1] : getCookie(c, cookieName);
  };

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    for (const [k, v] of Object.entries(securityHeaders)) c.header(k, v);
    if (c.req.path !== '/api/events') {
      o.log.event('info', 'request', {
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        client: addr(c),
        user: c.get('session') ? actorOf(c.get('session')) : null,
      });
    }
  });

  // Probes answer whatever the Host: load balancers use addresses, and they reveal nothing.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const r = o.readiness();
    return c.json({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks }, r.ready ? 200 : 503);
  });

  app.use('*', async (c, next) => {
    if (!o.guard.hostAllowed(c.req.header('host'))) return c.html(forbiddenHostPage, 403);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!o.guard.originAllowed(c.req.header('origin'), c.req.header('sec-fetch-site'))) {
        return c.json(errorEnvelope('forbidden', 'Cross-origin requests are refused.'), 403);
      }
    }
    await next();
  });

  mountSignIn(app, o, sessionCookie, addr);
  mountClientSignIn(app as unknown as Hono, {
    sessions: o.sessions,
    audit: o.audit,
    addr,
    sessionOf: (c) => o.sessions.use(getCookie(c, cookieName)).session,
    signInPath: (returnTo) => (o.auth.kind === 'oidc' ? `/auth/login?returnTo=${encodeURIComponent(returnTo)}` : null),
  });

  app.post('/auth/logout', (c) => {
    const id = sessionIdOf(c);
    const found = o.sessions.use(id);
    if (found.session) {
      o.sessions.revoke(found.session.id);
      o.audit.record(signInRecord(found.session, addr(c), 'sign_out', 'ok'));
    }
    c.header('Set-Cookie', clearSession);
    const endSessionUrl = o.auth.kind === 'oidc' ? o.auth.signIn.endSessionUrl(new URL('/', c.req.url).href) : null;
    return c.json({ signedOut: true, endSessionUrl });
  });

  // Everything below needs a live session.
  app.use('*', async (c, next) => {
    const found = o.sessions.use(sessionIdOf(c));
    if (!found.session) {
      const why =
        found.reason === 'expired'
          ? 'Your session expired; sign in again.'
          : found.reason === 'revoked'
            ? 'You were signed out; sign in again.'
            : 'Sign in first.';
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/auth/')) {
        return c.json(errorEnvelope('unauthorized', why), 401);
      }
      if (o.auth.kind === 'oidc' && c.req.method === 'GET') {
        return c.redirect(`/auth/login?returnTo=${encodeURIComponent(c.req.path)}`, 302);
      }
      return c.html(unauthorizedPage, 401);
    }
    c.set('session', found.session);
    await next();
  });

  app.get('/auth/session', (c) => {
    const s = c.get('session');
    return c.json({ signedIn: true, email: s.email, name: s.name, role: s.role });
  });

  // An event stream lives as long as its session: sign-out, revocation or expiry ends it.
  const streams = new Map<{ close(): void }, string>();
  const endDeadStreams = (): void => {
    for (const [stream, id] of streams) if (!o.sessions.isLive(id)) stream.close();
  };
  o.sessions.onEnd(endDeadStreams);
  const checkStreams = setInterval(endDeadStreams, 30_000);
  checkStreams.unref();

  mountApiRoutes(app as unknown as Hono, {
    events: o.core.events,
    openStreams: o.openStreams,
    onStream: (c, stream, closed) => {
      streams.set(stream, (c as Context<Vars>).get('session').id);
      void closed.then(() => streams.delete(stream));
    },
    call: async (c, method, input) => {
      const session = (c as Context<Vars>).get('session');
      // Rows still waiting for the write lock belong in what the log shows.
      if (method === 'listAuditLog') o.audit.flush();
      const envelope = await o.core.call(method, input, { role: session.role });
      o.audit.call(session, addr(c), method, input, envelope.ok ? 'ok' : envelope.error.code);
      return envelope;
    },
  });

  const root = o.rendererDir;
  app.use('/assets/*', serveStatic({ root }));
  app.get('/favicon.svg', serveStatic({ root }));
  app.get('*', serveStatic({ root, rewriteRequestPath: () => '/index.html' }));
  app.get('*', (c) => (existsSync(join(root, 'index.html')) ? c.notFound() : c.html(rendererMissingPage, 503)));
  return app;
}

function signInRecord(
  s: Pick<Session, 'email' | 'sub' | 'role'>,
  address: string | null,
  action: string,
  outcome: string,
) {
  return { actor: actorOf(s), role: s.role, clientAddress: address, action, target: null, outcome, details: {} };
}

/** A path on this server to return to after sign-in; anything else becomes `/`. */
function localPath(value: string | undefined): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

function mountSignIn(
  app: Hono<Vars>,
  o: ServerAppOptions,
  sessionCookie: (id: string) => string,
  addr: (c: Context) => string | null,
): void {
  const auth = o.auth;
  if (auth.kind === 'local') {
    app.use('*', async (c, next) => {
      const token = c.req.query('token');
      if (token === undefined || c.req.method !== 'GET') return next();
      if (!auth.access.exchange(token)) return c.html(unauthorizedPage, 401);
      const session = o.sessions.create({ sub: 'local', email: null, name: 'local admin', role: 'admin' });
      c.header('Set-Cookie', sessionCookie(session.id));
      return c.redirect(localPath(c.req.path), 302);
    });
    return;
  }
  const stateCookie = (v: string, maxAge: number): string =>
    `${STATE_COOKIE}=${v}; HttpOnly; SameSite=Lax; Path=/auth; Max-Age=${maxAge}${o.secure ? '; Secure' : ''}`;

  app.get('/auth/login', async (c) => {
    try {
      const { url, state } = await auth.signIn.begin(localPath(c.req.query('returnTo')));
      c.header('Set-Cookie', stateCookie(state, 600));
      return c.redirect(url, 302);
    } catch (err) {
      o.log.event('warn', 'sign-in could not start', { error: (err as Error).message });
      return c.html(signInFailedPage((err as Error).message), 503);
    }
  });

  app.get('/auth/callback', async (c) => {
    c.header('Set-Cookie', stateCookie('', 0));
    let result: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      result = await auth.signIn.finish(new URL(c.req.url), getCookie(c, STATE_COOKIE));
    } catch (err) {
      const message = err instanceof SignInError ? err.message : 'The sign-in failed; see the server log.';
      o.log.event('warn', 'sign-in failed', { error: (err as Error).message, client: addr(c) });
      return c.html(signInFailedPage(message), 400);
    }
    const claims = result.claims;
    const sub = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    const name = typeof claims.name === 'string' ? claims.name : null;
    const role = roleFor(claims, auth.roleMap);
    if (!role) {
      o.audit.record(signInRecord({ sub, email, role: null as never }, addr(c), 'sign_in_refused', 'no_role'));
      return c.html(noRolePage(email ?? sub), 403);
    }
    const session = o.sessions.create({ sub, email, name, role });
    o.audit.record(signInRecord(session, addr(c), 'sign_in', 'ok'));
    c.header('Set-Cookie', sessionCookie(session.id), { append: true });
    return c.html(continuePage(result.returnTo), 200);
  });
}
