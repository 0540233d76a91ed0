/**
 * The web host over real loopback sockets: API calls with a session, body limits, SSE push
 * events, and a slow (slowloris-style) client that must not block anyone else.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { startWebHost, type WebHost } from '../../../src/main/web/server.ts';

let core: ConsoleCore;
let host: WebHost;
let cookie: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
  core = createConsoleCore({
    dataDir: join(dir, 'data'),
    transport: 'web',
    log: silentLogger,
    autoSync: false,
    queryWorker: false,
  });
  host = await startWebHost({ core, rendererDir, port: 0 });
  const res = await fetch(host.launchUrl(), { redirect: 'manual' });
  expect(res.status).toBe(302);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await host.close();
  await core.close();
});

const post = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body,
  });

describe('web host', () => {
  it('serves the API to a session and the app shell for deep links, with security headers', async () => {
    const api = await post('getAppInfo', '');
    expect(await api.json()).toMatchObject({ ok: true, value: { transport: 'web' } });
    const page = await fetch(`${host.url}users/directory_user_01X`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shell</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers malformed JSON, wrong content types, unknown methods and oversized bodies with envelopes', async () => {
    expect((await post('getHealthSummary', '{nope')).status).toBe(400);
    expect((await post('getAppInfo', '', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const unknown = await post('dropAllTables', '');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const huge = await post('getHealthSummary', JSON.stringify({ profileId: 'x'.repeat(17 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });

  it('pushes core events to SSE subscribers', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}api/events`, { headers: { Cookie: cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value);
    core.events.emit('dataChanged', { profileId: 'demo', tables: ['users'] });
    while (!text.includes('event: dataChanged')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('"tables":["users"]');
    controller.abort();
  });

  it('keeps serving others while slow clients dribble their headers', async () => {
    const slow: Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const socket = connect(host.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: `);
      slow.push(socket);
    }
    const res = await post('getAppInfo', '');
    expect(res.status).toBe(200);
    expect(slow.every((s) => !s.destroyed)).toBe(true); // they were still hanging when we got our answer
    for (const s of slow) s.destroy();
  });
});
