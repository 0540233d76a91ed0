/**
 * Issue 16: the security headers SECURITY.md promises are on every response the web host can
 * produce — early refusals (unexpected Host), error pages, not-found and thrown handlers
 * included — and the token exchange redirects only to a path on this origin.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { AccessControl, SESSION_COOKIE } from '../../../src/main/web/access.ts';
import { securityHeaders } from '../../../src/main/web/security-headers.ts';
import { createWebApp } from '../../../src/main/web/server.ts';

const PORT = 48_765;
const ORIGIN = `http://127.0.0.1:${PORT}`;
let dir: string;
let core: ConsoleCore;
let access: AccessControl;
let app: Hono;
let appWithoutRenderer: Hono;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dsync-headers-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'void 0;');
  core = createConsoleCore({ dataDir: join(dir, 'data'), transport: 'web', log: silentLogger });
  // A core whose `explode` method throws, as a handler bug would.
  const throwing: ConsoleCore = {
    context: core.context,
    handlers: core.handlers,
    events: core.events,
    close: () => core.close(),
    call: (method, input) => (method === 'explode' ? Promise.reject(new Error('boom')) : core.call(method, input)),
  };
  access = new AccessControl();
  access.bind('127.0.0.1', PORT);
  app = createWebApp(throwing, access, rendererDir);
  appWithoutRenderer = createWebApp(throwing, access, join(dir, 'missing'));
  const res = await app.request(`${ORIGIN}/?token=${access.issueToken()}`, { headers: { Host: `127.0.0.1:${PORT}` } });
  cookie = `${SESSION_COOKIE}=${/dsync_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function req(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return {
    url: `${ORIGIN}${path}`,
    init: { method: init.method ?? 'GET', body: init.body, headers: { Host: `127.0.0.1:${PORT}`, ...init.headers } },
  };
}
const withSession = (h: Record<string, string> = {}) => ({ Cookie: cookie, ...h });
const json = { 'Content-Type': 'application/json' };

describe('security headers on every status', () => {
  const cases: Array<[string, number, () => ReturnType<typeof req>, 'app' | 'bare']> = [
    ['the app shell', 200, () => req('/users/x', { headers: withSession() }), 'app'],
    ['an asset', 200, () => req('/assets/app.js', { headers: withSession() }), 'app'],
    ['an API call', 200, () => req('/api/getAppInfo', { method: 'POST', headers: withSession(json) }), 'app'],
    ['the token exchange', 302, () => req(`/?token=${access.issueToken()}`), 'app'],
    [
      'malformed JSON',
      400,
      () => req('/api/getAppInfo', { method: 'POST', headers: withSession(json), body: '{' }),
      'app',
    ],
    ['no session (page)', 401, () => req('/'), 'app'],
    ['no session (API)', 401, () => req('/api/getAppInfo', { method: 'POST', headers: json }), 'app'],
    ['a spent token', 401, () => req('/?token=spent'), 'app'],
    [
      'an unexpected Host',
      403,
      () => ({ ...req('/'), init: { method: 'GET', body: undefined, headers: { Host: 'evil.example' } } }),
      'app',
    ],
    [
      'a cross-origin POST',
      403,
      () =>
        req('/api/getAppInfo', { method: 'POST', headers: withSession({ ...json, Origin: 'http://evil.example' }) }),
      'app',
    ],
    ['an unknown API path', 404, () => req('/api/x/y', { headers: withSession() }), 'app'],
    ['an unknown method', 404, () => req('/api/nope', { method: 'POST', headers: withSession(json) }), 'app'],
    ['a method no route takes', 404, () => req('/users', { method: 'PUT', headers: withSession() }), 'app'],
    [
      'an oversized body',
      413,
      () => req('/api/getAppInfo', { method: 'POST', headers: withSession(json), body: 'x'.repeat(17 * 1024 * 1024) }),
      'app',
    ],
    ['a wrong content type', 415, () => req('/api/getAppInfo', { method: 'POST', headers: withSession() }), 'app'],
    ['a handler that throws', 500, () => req('/api/explode', { method: 'POST', headers: withSession(json) }), 'app'],
    ['no renderer build', 503, () => req('/', { headers: withSession() }), 'bare'],
  ];

  it.each(cases)('%s → %i', async (_label, status, make, which) => {
    const { url, init } = make();
    const res = await (which === 'app' ? app : appWithoutRenderer).request(url, init);
    expect(res.status).toBe(status);
    for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers.get(name), name).toBe(value);
    expect(await res.text()).not.toMatch(/\n\s+at /);
  });
});

describe('token exchange redirect', () => {
  it.each([
    ['//evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/users/directory_user_1?tab=groups', '/users/directory_user_1?tab=groups'],
    ['/', '/'],
  ])('%s → Location %s', async (path, location) => {
    const sep = path.includes('?') ? '&' : '?';
    const res = await app.request(`${ORIGIN}${path}${sep}token=${access.issueToken()}`, {
      headers: { Host: `127.0.0.1:${PORT}` },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
  });
});
