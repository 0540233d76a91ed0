import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { WorkosApiError } from '../../../src/main/workos/errors.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { SchemaViolationError } from '../../../src/main/workos/wire-schemas.ts';
import { RecordingClock } from './fake-clock.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
let server: Server | undefined;
const seen: string[] = [];

async function serve(handler: Handler): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.pathname}${url.search}`);
    handler(req, res, url);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const user = (id: string) => ({
  object: 'directory_user',
  id,
  directory_id: 'directory_1',
  organization_id: 'org_1',
  idp_id: id,
  email: `${id}@x.com`,
  name: `Name ${id}`,
  username: `u${id}`,
  job_title: 'Engineer',
  emails: [{ primary: true, type: 'work', value: `${id}@x.com` }],
  state: 'active',
  raw_attributes: {},
  custom_attributes: {},
  created_at: 't',
  updated_at: 't',
  groups: [],
});

function client(baseUrl: string, clock = new RecordingClock(), timeoutMs = 2000) {
  return {
    clock,
    c: new WorkosClient({
      apiKey: 'sk_test_unit',
      baseUrl,
      clock,
      bounds: { timeoutMs },
      rateLimits: scaledRateLimits(1000),
      random: () => 0.5,
    }),
  };
}

describe('WorkOS client', () => {
  it('pages with limit=100 by cursor and keeps fields the SDK drops', async () => {
    const url = await serve((_req, res, u) => {
      const after = u.searchParams.get('after');
      if (!after)
        json(res, 200, { object: 'list', data: [user('a'), user('b')], list_metadata: { before: null, after: 'b' } });
      else json(res, 200, { object: 'list', data: [user('c')], list_metadata: { before: 'c', after: null } });
    });
    const { c } = client(url);
    const all: string[] = [];
    await c.paginate(
      (after) => c.listUsers({ directory: 'directory_1' }, 'directory_1', after),
      (items) => {
        all.push(...items.map((u) => `${u.id}:${u.name}:${u.username}:${u.job_title}`));
      },
    );
    expect(all).toEqual(['a:Name a:ua:Engineer', 'b:Name b:ub:Engineer', 'c:Name c:uc:Engineer']);
    expect(seen).toEqual([
      '/directory_users?limit=100&order=asc&directory=directory_1',
      '/directory_users?limit=100&order=asc&directory=directory_1&after=b',
    ]);
    expect(c.stats).toMatchObject({ requests: 2, directoryUsersRequests: 2, retries: 0 });
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls <= 2) json(res, 429, { message: 'Rate limit exceeded' }, { 'retry-after': '2' });
      else json(res, 200, { object: 'list', data: [], list_metadata: { before: null, after: null } });
    });
    const { c, clock } = client(url);
    await c.listGroups({ directory: 'directory_1' }, null);
    expect(calls).toBe(3);
    expect(c.stats).toMatchObject({ retries: 2, rateLimited: 2 });
    const retryWaits = clock.sleeps.filter((ms) => ms >= 2000);
    expect(retryWaits.length).toBeGreaterThanOrEqual(2);
  });

  it('retries 5xx (even with an HTML body) and connection resets', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>down</html>');
      } else if (calls === 2) req.socket.destroy();
      else if (calls === 3) json(res, 500, { message: 'boom' });
      else json(res, 200, { object: 'list', data: [], list_metadata: { before: null, after: null } });
    });
    const { c } = client(url);
    await c.listDirectories(null);
    expect(calls).toBe(4);
    expect(c.stats.retries).toBe(3);
  });

  it('gives up after the last attempt with the server error', async () => {
    const url = await serve((_req, res) => json(res, 502, { message: 'bad gateway' }));
    const { c } = client(url);
    const err = await c.listDirectories(null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkosApiError);
    expect((err as WorkosApiError).kind).toBe('server');
    expect(seen).toHaveLength(6);
  });

  it('times out a call that never answers and retries it', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls === 1) return; // hang
      json(res, 200, { object: 'list', data: [], list_metadata: { before: null, after: null } });
    });
    const { c } = client(url, new RecordingClock(), 200);
    await c.listDirectories(null);
    expect(calls).toBe(2);
  });

  it('does not retry a rejected key and says so in plain words', async () => {
    const url = await serve((_req, res) => json(res, 401, { message: 'Unauthorized' }));
    const { c } = client(url);
    const err = (await c.listDirectories(null).catch((e: unknown) => e)) as WorkosApiError;
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/rejected the API key/);
    expect(seen).toHaveLength(1);
  });

  it('names the field when a response violates the schema', async () => {
    const url = await serve((_req, res) =>
      json(res, 200, {
        object: 'list',
        data: [user('a'), { ...user('b'), state: 7 }],
        list_metadata: { before: null, after: null },
      }),
    );
    const { c } = client(url);
    const err = await c.listUsers({ directory: 'directory_1' }, 'directory_1', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaViolationError);
    expect((err as Error).message).toMatch(/data\[1\]\.state/);
  });

  it('reports an unreachable host as a network problem', async () => {
    const { c } = client('http://127.0.0.1:1');
    const err = (await c.listDirectories(null).catch((e: unknown) => e)) as WorkosApiError;
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/Cannot reach the WorkOS API/);
  });
});
