/**
 * Bounded requests: a server that accepts and never answers fails within the documented bound
 * with a message naming the request, each retry announced first; an oversized response fails
 * with the endpoint and the limit in the message, without being downloaded whole.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkosClient, type RequestWait, describeWait } from '../../../src/main/workos/client.ts';
import { WorkosApiError } from '../../../src/main/workos/errors.ts';
import {
  DEFAULT_REQUEST_BOUNDS,
  failureBoundMs,
  requestBoundsFromEnv,
} from '../../../src/main/workos/request-bounds.ts';
import { DEFAULT_RETRY_POLICY } from '../../../src/main/workos/retry.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: (res: ServerResponse, path: string) => void): Promise<string> {
  const server = createServer((req, res) => handler(res, new URL(req.url ?? '/', 'http://x').pathname));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(baseUrl: string, bounds: Partial<typeof DEFAULT_REQUEST_BOUNDS>) {
  return new WorkosClient({ apiKey: 'sk_test_bounds', baseUrl, bounds, rateLimits: scaledRateLimits(1000) });
}

async function failure(p: Promise<unknown>): Promise<WorkosApiError> {
  try {
    await p;
  } catch (err) {
    return err as WorkosApiError;
  }
  throw new Error('expected the request to fail');
}

describe('request bounds', () => {
  it('documents the default bound: a request that never gets an answer fails within 100 s', () => {
    expect(failureBoundMs(DEFAULT_REQUEST_BOUNDS, DEFAULT_RETRY_POLICY)).toBe(97_750);
    expect(requestBoundsFromEnv({})).toEqual(DEFAULT_REQUEST_BOUNDS);
    expect(
      requestBoundsFromEnv({ DSYNC_CONSOLE_REQUEST_TIMEOUT_MS: '250', DSYNC_CONSOLE_REQUEST_ATTEMPTS: '2' }),
    ).toMatchObject({ timeoutMs: 250, maxAttempts: 2 });
    expect(() => requestBoundsFromEnv({ DSYNC_CONSOLE_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      /DSYNC_CONSOLE_REQUEST_TIMEOUT_MS must be a whole number of ms from 50 to 600000 \(got "soon"\)/,
    );
  });

  it('a server that accepts and never answers: each retry announced, a clear failure within the bound', async () => {
    let requests = 0;
    const url = await serve(() => {
      requests++; // accept, never answer
    });
    const bounds = { timeoutMs: 200, maxAttempts: 3 };
    const c = client(url, bounds);
    const waits: RequestWait[] = [];
    c.onWait((w) => waits.push(w));
    const started = performance.now();
    const err = await failure(c.listDirectories(null));
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(WorkosApiError);
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/WorkOS did not answer \/directories in time .*Gave up after 3 attempts/);
    expect(c.stats.requests).toBe(3);
    expect(requests).toBeGreaterThanOrEqual(2); // the server saw them (the last may still be in flight)
    expect(waits.map(describeWait)).toEqual([
      expect.stringMatching(
        /^waiting for WorkOS \(GET \/directories\), attempt 2 of 3… \(no answer within 0\.2 s; retrying in/,
      ),
      expect.stringMatching(/^waiting for WorkOS \(GET \/directories\), attempt 3 of 3…/),
    ]);
    // The bound is what the docs promise (plus scheduling slack on a loaded machine).
    expect(elapsed).toBeLessThan(failureBoundMs({ ...DEFAULT_REQUEST_BOUNDS, ...bounds }, DEFAULT_RETRY_POLICY) + 3000);
  });

  it('an oversized streamed response fails naming the endpoint and the limit, without reading it all', async () => {
    let written = 0;
    let closedEarly = false;
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"object":"list","data":[');
      const chunk = `${JSON.stringify({ padding: 'x'.repeat(64 * 1024) })},`;
      const pump = (): void => {
        while (written < 400 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      res.on('close', () => (closedEarly = written < 400 * 1024 * 1024));
      pump();
    });
    const c = client(url, { maxResponseBytes: 1024 * 1024, maxAttempts: 3 });
    const err = await failure(c.listUsers({ directory: 'directory_1' }, 'directory_1', null));
    expect(err.kind).toBe('too_large');
    expect(err.message).toMatch(/response to GET \/directory_users is larger than the 1\.0 MiB limit/);
    expect(c.stats.requests).toBe(1); // never retried
    await new Promise<void>((resolve) => {
      const check = (): void => (closedEarly ? resolve() : void setImmediate(check));
      check();
    });
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('a response that declares an oversized Content-Length is refused before reading', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(500 * 1024 * 1024) });
      res.write('{"object":"list",');
    });
    const err = await failure(client(url, { maxResponseBytes: 2 * 1024 * 1024 }).listDirectories(null));
    expect(err.kind).toBe('too_large');
    expect(err.message).toMatch(/GET \/directories is larger than the 2\.0 MiB limit \(it declares 500\.0 MiB\)/);
  });
});
