/**
 * The HTTP face of the emulator, on node:http (not a framework) because faults need the raw
 * socket: connection resets, bodies that trickle, bodies cut short. Pipeline per request:
 * request id → admin routes → auth (401) → route (404) → per-key limit → faults → handler →
 * per-directory limit (inside /directory_users handlers) → response (+ malformed/slow faults).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { World } from '../model/world.ts';
import { ApiError, rateLimited, routeNotFound, unauthorized, type ApiResponse } from './api-response.ts';
import { matchRoute, type Route } from './router.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { FaultPlanner } from '../faults/fault-plan.ts';
import { bump, type EmulatorStats } from './stats.ts';
import type { RequestContext } from './request-context.ts';

export interface ServerDeps {
  world: World;
  routes: readonly Route[];
  apiKey: string;
  limiter: RateLimiter;
  faults: FaultPlanner;
  stats: () => EmulatorStats;
  now: () => number;
  rateLimitBody: 'message' | 'spec';
  /** Handles `/_emulator/*` (already authenticated). */
  admin: (method: string, path: string, query: URLSearchParams, body: unknown) => Promise<ApiResponse>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function requestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

function isAuthorized(req: IncomingMessage, apiKey: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match !== null && match[1] === apiKey;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000)
      throw new ApiError({ status: 413, body: { message: 'Request body too large (limit 1 MB).' } });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError({ status: 400, body: { message: 'Request body is not valid JSON.' } });
  }
}

export function createEmulatorServer(deps: ServerDeps): Server {
  const { world, limiter, faults } = deps;

  async function send(
    res: ServerResponse,
    id: string,
    response: ApiResponse,
    slowBodyMs: number | null,
    malformed: boolean,
  ): Promise<void> {
    const stats = deps.stats();
    bump(stats.byStatus, String(response.status));
    let text = response.body === undefined ? '' : JSON.stringify(response.body);
    if (malformed && response.status < 300 && text.length > 2) {
      stats.faults.malformed++;
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Request-ID': id,
      ...(response.headers ?? {}),
    };
    if (slowBodyMs === null || text.length === 0) {
      res.writeHead(response.status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    stats.faults.slowBody++;
    res.writeHead(response.status, headers);
    const pieces = Math.min(10, text.length);
    const size = Math.ceil(text.length / pieces);
    for (let i = 0; i < text.length; i += size) {
      if (res.destroyed) return;
      res.write(text.slice(i, i + size));
      if (i + size < text.length) await sleep(slowBodyMs / pieces);
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = requestId();
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '') || '/';

    if (path === '/_emulator' || path.startsWith('/_emulator/')) {
      if (!isAuthorized(req, deps.apiKey)) return send(res, id, unauthorized(), null, false);
      try {
        const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
        return await send(res, id, await deps.admin(method, path, url.searchParams, body), null, false);
      } catch (err) {
        if (err instanceof ApiError) return send(res, id, err.response, null, false);
        return send(
          res,
          id,
          { status: 400, body: { message: err instanceof Error ? err.message : String(err) } },
          null,
          false,
        );
      }
    }

    const stats = deps.stats();
    stats.requests++;
    if (!isAuthorized(req, deps.apiKey)) return send(res, id, unauthorized(), null, false);
    const match = matchRoute(deps.routes, method, path);
    if (!match) return send(res, id, routeNotFound(method, path), null, false);
    bump(stats.byEndpoint, `${method} ${match.route.pattern}`);

    const keyDecision = limiter.check('key', deps.apiKey, deps.now());
    if (keyDecision.violation) {
      stats.violations.key++;
      stats.violations.total++;
    }
    if (!keyDecision.allowed) {
      stats.rateLimited.key++;
      stats.rateLimited.total++;
      return send(
        res,
        id,
        rateLimited(Math.max(1, Math.ceil(keyDecision.waitMs / 1000)), deps.rateLimitBody),
        null,
        false,
      );
    }

    const fault = faults.decide(path);
    if (fault.delayMs > 0) {
      stats.faults.delayed++;
      await sleep(fault.delayMs);
    }
    if (fault.reset) {
      stats.faults.reset++;
      req.socket.destroy();
      return;
    }
    if (fault.rateLimited) {
      stats.faults.rateLimited++;
      stats.rateLimited.fault++;
      stats.rateLimited.total++;
      const seconds = faults.retryAfterSeconds;
      limiter.block('key', deps.apiKey, deps.now(), deps.now() + seconds * 1000);
      return send(res, id, rateLimited(seconds, deps.rateLimitBody), null, false);
    }
    if (fault.serverError !== null) {
      stats.faults.serverError++;
      return send(
        res,
        id,
        { status: fault.serverError, body: { message: 'Internal Server Error (injected fault).' } },
        null,
        false,
      );
    }

    const ctx: RequestContext = {
      method,
      path,
      query: url.searchParams,
      world,
      limitDirectory: (directoryId) => {
        bump(stats.directoryUsersRequests, directoryId);
        const d = limiter.check('directoryUsers', directoryId, deps.now());
        if (d.violation) {
          stats.violations.directory++;
          stats.violations.total++;
        }
        if (d.allowed) return undefined;
        stats.rateLimited.directory++;
        stats.rateLimited.total++;
        return rateLimited(Math.max(1, Math.ceil(d.waitMs / 1000)), deps.rateLimitBody);
      },
    };
    let response: ApiResponse;
    try {
      response = match.route.handler(ctx, match.params);
    } catch (err) {
      response =
        err instanceof ApiError
          ? err.response
          : { status: 500, body: { message: `Emulator error: ${err instanceof Error ? err.message : String(err)}` } };
    }
    return send(res, id, response, fault.slowBodyMs, fault.malformed);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-ID': requestId() });
        res.end(JSON.stringify({ message: `Emulator error: ${err instanceof Error ? err.message : String(err)}` }));
      } else {
        res.destroy();
      }
    });
  });
  // Node's 5 s default closes idle keep-alive sockets just as a slow client reuses them
  // (ECONNRESET). Keep them like a load balancer would; clients then close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
