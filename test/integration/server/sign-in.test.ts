/**
 * Sign-in to the team server through a real OpenID Connect provider (oidc-provider on a
 * loopback port, its own login and consent pages): roles from the groups claim or the e-mail
 * allow-list, refusal without a role, idle/absolute expiry, revoked sessions and sign-out.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.ts';
import { startFixture, type Fixture } from './support/team-server.ts';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const json = { 'content-type': 'application/json' };

async function signedIn(login: string): Promise<TestBrowser> {
  const browser = new TestBrowser();
  const { res, url } = await browser.signIn(f.base, login);
  expect(url).toBe(new URL('/auth/callback', f.base).href.split('?')[0] + url.slice(url.indexOf('?')));
  expect(res.status).toBe(200);
  return browser;
}

async function whoAmI(browser: TestBrowser): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await browser.request(new URL('/auth/session', f.base).href);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('sign-in with the IdP', () => {
  it('sends an anonymous visitor to sign in, and refuses the API without a session', async () => {
    const browser = new TestBrowser();
    const page = await browser.request(new URL('/users?x=1', f.base).href);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/login?returnTo=%2Fusers');
    const api = await browser.request(new URL('/api/listProfiles', f.base).href, { method: 'POST', headers: json });
    expect(api.status).toBe(401);
  });

  it('signs in through the provider and maps the groups claim to the highest role', async () => {
    const alice = await signedIn('alice');
    const cookie = alice.cookie(f.base, 'dsync_team_session');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await whoAmI(alice)).toEqual({
      status: 200,
      body: { signedIn: true, email: 'alice@example.com', name: 'alice', role: 'admin' },
    });
    expect((await whoAmI(await signedIn('oscar'))).body.role).toBe('operator');
    expect((await whoAmI(await signedIn('vera'))).body.role).toBe('viewer');
  });

  it('maps an allow-listed e-mail (case-insensitively) to its role', async () => {
    expect((await whoAmI(await signedIn('carol'))).body.role).toBe('operator');
  });

  it('refuses someone whose groups and e-mail grant no role, and gives no session', async () => {
    const browser = new TestBrowser();
    const { res } = await browser.signIn(f.base, 'dave');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no role on this server');
    expect(browser.cookie(f.base, 'dsync_team_session')).toBeUndefined();
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const browser = new TestBrowser();
    let step = await browser.follow(new URL('/auth/login', f.base).href);
    const headers: string[] = [];
    for (let i = 0; i < 4 && !step.url.startsWith(f.base); i++) {
      const html = await step.res.text();
      step = await browser.submitForm(
        step.url,
        html,
        html.includes('name="login"') ? { prompt: 'login', login: 'vera', password: 'x' } : { prompt: 'consent' },
      );
      headers.push(...step.res.headers.getSetCookie());
    }
    const set = headers.find((h) => h.startsWith('dsync_team_session='));
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
  });

  it('refuses a callback that this browser did not start (state cookie missing)', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(new URL('/auth/callback?code=abc&state=forged', f.base).href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not started in this browser');
  });

  it('ends a session after the idle time and after the absolute lifetime', async () => {
    const idle = await signedIn('vera');
    f.clock.now += 31 * 60_000;
    const expired = await whoAmI(idle);
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toContain('expired');

    const busy = await signedIn('vera');
    for (let i = 0; i < 24; i++) {
      f.clock.now += 29 * 60_000; // active every 29 minutes: never idle (11.6 h in all)…
      expect((await whoAmI(busy)).status).toBe(200);
    }
    f.clock.now += 29 * 60_000; // …but now past the 12-hour absolute lifetime
    const ended = await whoAmI(busy);
    expect(ended.status).toBe(401);
    expect(JSON.stringify(ended.body)).toContain('expired');
  });

  it('signs out: the cookie is cleared and the old session id no longer works', async () => {
    const browser = await signedIn('oscar');
    const old = browser.cookie(f.base, 'dsync_team_session')!;
    const out = await browser.request(new URL('/auth/logout', f.base).href, {
      method: 'POST',
      headers: { origin: new URL(f.base).origin },
    });
    expect(out.status).toBe(200);
    expect(browser.cookie(f.base, 'dsync_team_session')).toBeUndefined();
    const replay = await fetch(new URL('/auth/session', f.base), { headers: { cookie: `dsync_team_session=${old}` } });
    expect(replay.status).toBe(401);
    expect(JSON.stringify(await replay.json())).toContain('signed out');
  });

  it('ends an open event stream when its session is signed out', async () => {
    const browser = await signedIn('oscar');
    const res = await browser.request(new URL('/api/events', f.base).href);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: ready');
    await browser.request(new URL('/auth/logout', f.base).href, { method: 'POST' });
    // Without the fix the stream stays open until the 30-second sweep, past this test's time limit.
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  }, 10_000);

  it('revokes every session of a person at once', async () => {
    const a = await signedIn('vera');
    const b = await signedIn('vera');
    const sub = 'vera';
    expect(f.server.sessions.revokeSubject(sub)).toBeGreaterThanOrEqual(2);
    expect((await whoAmI(a)).status).toBe(401);
    expect((await whoAmI(b)).status).toBe(401);
  });

  it('refuses sign-out and API calls from another origin (CSRF) and a foreign Host', async () => {
    const browser = await signedIn('alice');
    const out = await browser.request(new URL('/auth/logout', f.base).href, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(out.status).toBe(403);
    expect((await whoAmI(browser)).status).toBe(200);
    // fetch cannot set Host; a raw request can (as a DNS-rebinding page's would arrive).
    const base = new URL(f.base);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path: '/auth/session',
          headers: {
            host: `evil.example:${base.port}`,
            cookie: `dsync_team_session=${browser.cookie(f.base, 'dsync_team_session')}`,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('answers health and readiness probes without a session', async () => {
    expect((await fetch(new URL('/healthz', f.base))).status).toBe(200);
    const ready = await fetch(new URL('/readyz', f.base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { identityProvider: 'ok' } });
  });

  it('writes structured JSON log lines, one per request', () => {
    const records = f.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      records.some((r) => r.msg === 'request' && r.path === '/auth/session' && r.user === 'alice@example.com'),
    ).toBe(true);
  });
});
