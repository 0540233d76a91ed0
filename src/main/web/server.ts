/**
 * The web console: the built renderer and the ConsoleApi over HTTP (`POST /api/<method>`,
 * push events over SSE at `GET /api/events`), served on loopback from the same core that
 * the Electron shell uses.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ConsoleCore } from '../core/console-core.ts';
import { AccessControl, SESSION_COOKIE } from './access.ts';
import { errorEnvelope, MAX_API_BODY_BYTES, mountApiRoutes, type OpenStreams } from './api-routes.ts';
import { forbiddenHostPage, rendererMissingPage, unauthorizedPage } from './messages.ts';
import { securityHeaders } from './security-headers.ts';

export { MAX_API_BODY_BYTES };

export interface WebHostOptions {
  core: ConsoleCore;
  host?: string;
  port?: number;
  /** Folder holding the built renderer (index.html and assets). */
  rendererDir: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly access: AccessControl;
  /** A fresh launch URL carrying a new one-time token. */
  launchUrl(): string;
  close(): Promise<void>;
}

export type { OpenStreams };

/**
 * Where to send the browser after the token exchange: the requested path, only when it is a
 * path on this origin. `//evil.example/x` and `/\evil.example/x` are read by browsers as
 * another host, so they (and anything not starting with a single `/`) go to `/`.
 */
export function sameOriginPath(pathname: string, search: string): string {
  if (!pathname.startsWith('/') || pathname.startsWith('//') || pathname.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- a control character in a Location is refused
  if (/[\\\u0000-\u001f]/.test(pathname)) return '/';
  return `${pathname}${search}`;
}

function withSecurityHeaders(res: Response): Response {
  for (const [k, v] of Object.entries(securityHeaders)) res.headers.set(k, v);
  return res;
}

export function createWebApp(
  core: ConsoleCore,
  access: AccessControl,
  rendererDir: string,
  openStreams: OpenStreams = new Set(),
): Hono {
  const app = new Hono();
  const indexHtml = join(rendererDir, 'index.html');

  // Security headers on every response: early refusals, errors and not-found included.
  app.use('*', async (c, next) => {
    if (!access.hostAllowed(c.req.header('host'))) return withSecurityHeaders(c.html(forbiddenHostPage, 403));
    await next();
    for (const [k, v] of Object.entries(securityHeaders)) c.header(k, v);
  });
  app.notFound((c) => withSecurityHeaders(c.json(errorEnvelope('not_found', `Nothing at ${c.req.path}.`), 404)));
  app.onError((err, c) => {
    core.context.log.error(`web console request ${c.req.method} ${c.req.path} failed: ${err.name}: ${err.message}`);
    return withSecurityHeaders(c.json(errorEnvelope('internal', 'The console failed on this request.'), 500));
  });

  // Token exchange: any page URL carrying ?token= trades it for a session cookie, then
  // redirects to the same path without the token so it never lingers in history.
  app.use('*', async (c, next) => {
    const token = c.req.query('token');
    if (token !== undefined && c.req.method === 'GET') {
      const session = access.exchange(token);
      if (!session) return c.html(unauthorizedPage, 401);
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      c.header('Set-Cookie', access.cookieHeader(session));
      return c.redirect(sameOriginPath(url.pathname, url.search), 302);
    }
    if (!access.hasSession(getCookie(c, SESSION_COOKIE))) {
      if (c.req.path.startsWith('/api/')) {
        return c.json(errorEnvelope('unauthorized', 'Open the console from the link it printed at start-up.'), 401);
      }
      return c.html(unauthorizedPage, 401);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!access.originAllowed(c.req.header('origin'), c.req.header('sec-fetch-site'))) {
        return c.json(errorEnvelope('forbidden', 'Cross-origin requests are refused.'), 403);
      }
    }
    await next();
  });

  mountApiRoutes(app, { events: core.events, openStreams, call: (_c, method, input) => core.call(method, input) });

  const root = rendererDir;
  app.use('/assets/*', serveStatic({ root }));
  app.get('/favicon.svg', serveStatic({ root }));
  // Every other path is a client-side route: serve the app so deep links survive reloads.
  app.get('*', serveStatic({ root, rewriteRequestPath: () => '/index.html' }));
  app.get('*', (c) => (existsSync(indexHtml) ? c.notFound() : c.html(rendererMissingPage, 503)));
  return app;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const access = new AccessControl();
  const openStreams: OpenStreams = new Set();
  const app = createWebApp(options.core, access, options.rendererDir, openStreams);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  // A slow client must not hold the server: cap how long headers and bodies may take.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  const port = (server.address() as AddressInfo).port;
  access.bind(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    port,
    access,
    launchUrl: () => `${url}?token=${access.issueToken()}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of openStreams) stream.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
