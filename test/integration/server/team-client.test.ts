/**
 * A console on someone's computer connected to a real team server (`startTeamServer` signed in
 * through a real oidc-provider): the browser sign-in handing a session back over loopback,
 * calls and events relayed through the local core, the server's roles and audit trail applying
 * to them, and no WorkOS key or sync on the local machine.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ProfileSummary, TeamConnection } from '../../../src/shared/api.ts';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { TestBrowser } from './support/browser.ts';
import { startFixture, type Fixture } from './support/team-server.ts';

let f: Fixture;
let core: ConsoleCore;
let dataDir: string;
let teamId: string;

const unescape = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const metaRefresh = (html: string): string => unescape(/content="0;url=([^"]+)"/.exec(html)![1]!);

async function ok<T>(method: string, input?: unknown): Promise<T> {
  const envelope = await core.call(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** Opens the sign-in URL in a browser, signs in at the IdP, confirms; returns the loopback page. */
async function connectAs(login: string, decision: 'allow' | 'deny' = 'allow', browser = new TestBrowser()) {
  const { signInUrl } = await ok<{ signInUrl: string }>('beginTeamServerSignIn', { profileId: teamId });
  let step = await browser.follow(signInUrl);
  for (let i = 0; i < 4 && !step.url.startsWith(f.base); i++) {
    const html = await step.res.text();
    const fields: Record<string, string> = html.includes('name="login"')
      ? { prompt: 'login', login, password: 'x' }
      : { prompt: 'consent' };
    step = await browser.submitForm(step.url, html, fields);
  }
  let html = await step.res.text();
  if (step.url.includes('/auth/callback')) {
    step = await browser.follow(new URL(metaRefresh(html), step.url).href);
    html = await step.res.text();
  }
  expect(html).toContain('Connect a console to this team server?');
  const links = [...html.matchAll(/href="(\/auth\/client\/approve\?[^"]+)"/g)].map((m) => unescape(m[1]!));
  const answer = links.find((l) => l.includes('deny=1') === (decision === 'deny'))!;
  const handBack = await browser.follow(new URL(answer, f.base).href);
  const loopback = metaRefresh(await handBack.res.text());
  expect(loopback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
  const res = await fetch(loopback);
  return { status: res.status, text: await res.text(), browser };
}

beforeAll(async () => {
  f = await startFixture();
  await f.server.core.context.sync.run('demo', 'full');
  dataDir = mkdtempSync(join(tmpdir(), 'dsync-client-'));
  core = createConsoleCore({ dataDir, transport: 'web', autoSync: false, queryWorker: false });
  const added = await ok<ProfileSummary>('addTeamServer', { name: 'Team', serverUrl: f.base });
  teamId = added.id;
  await ok('setActiveProfile', { profileId: teamId });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await f?.close();
});

describe('connecting a console to a team server', () => {
  it('refuses calls before sign-in, saying where to sign in', async () => {
    const envelope = await core.call('listUsers', { profileId: 'demo' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(!envelope.ok && envelope.error.message).toContain(`Sign in to the team server ${new URL(f.base).origin}`);
  });

  it('leaves the connection signed out when the person cancels in the browser', async () => {
    const { text } = await connectAs('vera', 'deny');
    expect(text).toContain('cancelled');
    const status = await ok<TeamConnection>('getTeamServerStatus', { profileId: teamId });
    expect(status).toMatchObject({ signedIn: false, message: 'The sign-in was cancelled in the browser.' });
  }, 60_000);

  it('signs in through the browser and keeps only a session token, as a key, on this machine', async () => {
    const { status, text } = await connectAs('vera');
    expect(status).toBe(200);
    expect(text).toContain('Signed in to');
    const team = await ok<TeamConnection>('getTeamServerStatus', { profileId: teamId });
    expect(team).toMatchObject({ signedIn: true, email: 'vera@example.com', role: 'viewer', profileId: 'demo' });
    // The token rests in the KeyStore (0600 file here), not in the profile file, and no WorkOS key exists.
    expect(readdirSync(join(dataDir, 'keys'))).toEqual([`${teamId}.key`]);
    const token = readFileSync(join(dataDir, 'keys', `${teamId}.key`), 'utf8').trim();
    expect(readFileSync(join(dataDir, 'team-servers.json'), 'utf8')).not.toContain(token);
    expect(token).not.toMatch(/^sk_/);
    const profiles = await ok<ProfileSummary[]>('listProfiles');
    expect(profiles.find((p) => p.id === teamId)).toMatchObject({ kind: 'team-server', active: true, maskedKey: null });
    expect(profiles.filter((p) => p.active)).toHaveLength(1);
  }, 60_000);

  it("answers with the server's data, checked against the contract; nothing is synced here", async () => {
    const remote = await ok<{ total: number; items: Array<{ id: string }> }>('listUsers', { profileId: 'demo' });
    const onServer = await f.server.core.call('listUsers', { profileId: 'demo' });
    expect(onServer.ok && (onServer.value as { total: number }).total).toBe(remote.total);
    expect(remote.total).toBeGreaterThan(0);
    // The local cache holds nothing: no sync ran here.
    const local = core.context.store.reader.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    expect(local.n).toBe(0);
    expect(core.context.sync.status('demo').lastRun).toBeNull();
  });

  it("applies the server's roles: a viewer cannot start a sync, and is told why", async () => {
    const envelope = await core.call('startSync', { profileId: 'demo' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!envelope.ok && envelope.error.message).toContain('needs the operator role; you are signed in as viewer');
  });

  it('checks input locally before sending it', async () => {
    const envelope = await core.call('listUsers', { profileId: '' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it("relays the server's push events onto the local event bus", async () => {
    const got = new Promise<unknown>((resolve) => {
      const off = core.events.subscribe((name, payload) => {
        if (name === 'dataChanged' && (payload as { tables: string[] }).tables.includes('groups')) {
          off();
          resolve(payload);
        }
      });
    });
    // The relay opens asynchronously after sign-in; emit until it arrives.
    const timer = setInterval(
      () => f.server.core.events.emit('dataChanged', { profileId: 'demo', tables: ['groups'] }),
      100,
    );
    try {
      expect(await got).toEqual({ profileId: 'demo', tables: ['groups'] });
    } finally {
      clearInterval(timer);
    }
  });

  it("writes the connected person's looks and sign-in to the server's audit log", async () => {
    const users = await ok<{ items: Array<{ id: string }> }>('listUsers', { profileId: 'demo', limit: 1 });
    await ok('getUser', { profileId: 'demo', userId: users.items[0]!.id });
    const rows = await f.server.core.call('listAuditLog', { actor: 'vera@example.com' });
    const items = (rows.ok ? (rows.value as { items: AuditEntry[] }).items : []).map((r) => [r.action, r.outcome]);
    expect(items).toContainEqual(['client_sign_in', 'ok']);
    expect(items).toContainEqual(['getUser', 'ok']);
    expect(items).toContainEqual(['startSync', 'forbidden']);
  });

  it('signs out when the server revokes the session, and says so', async () => {
    f.server.sessions.revokeSubject('vera');
    const envelope = await core.call('listDirectories', { profileId: 'demo' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(!envelope.ok && envelope.error.message).toContain('ended; sign in again');
    expect(await ok<TeamConnection>('getTeamServerStatus', { profileId: teamId })).toMatchObject({ signedIn: false });
    expect(existsSync(join(dataDir, 'keys', `${teamId}.key`))).toBe(false);
  });

  it("lists the console's session for the server's admins, who can revoke it", async () => {
    await connectAs('vera');
    const listed = await f.server.core.call('listSessions', undefined);
    const sessions = listed.ok ? (listed.value as Array<{ handle: string; email: string; via: string }>) : [];
    const mine = sessions.find((s) => s.email === 'vera@example.com' && s.via === 'console')!;
    expect(mine.handle).toMatch(/^[a-f0-9]{16}$/);
    // The handle is not the credential: the token on this machine is something else.
    const token = readFileSync(join(dataDir, 'keys', `${teamId}.key`), 'utf8').trim();
    expect(JSON.stringify(sessions)).not.toContain(token);
    expect(await f.server.core.call('revokeSession', { handle: mine.handle })).toEqual({
      ok: true,
      value: { revoked: true },
    });
    expect(await core.call('listDirectories', { profileId: 'demo' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await core.call('listSessions', undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  }, 60_000);

  it('signs out on request, ending the session on the server too', async () => {
    await connectAs('oscar');
    expect(await ok<TeamConnection>('getTeamServerStatus', { profileId: teamId })).toMatchObject({ role: 'operator' });
    const before = f.server.sessions.size;
    expect(await ok<TeamConnection>('signOutOfTeamServer', { profileId: teamId })).toMatchObject({ signedIn: false });
    expect(f.server.sessions.size).toBe(before - 1);
  }, 60_000);

  it('answers local profiles locally again once a local profile is active', async () => {
    await ok('setActiveProfile', { profileId: 'demo' });
    const health = await ok<{ users: number }>('getHealthSummary', { profileId: 'demo' });
    expect(health.users).toBe(0);
    await ok('setActiveProfile', { profileId: teamId });
  });
});

describe('the server side of a console sign-in', () => {
  const token = (body: unknown) =>
    fetch(new URL('/auth/client/token', f.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses an unknown code and a code sent back to an address off this computer', async () => {
    const res = await token({
      code: 'x'.repeat(43),
      code_verifier: 'y'.repeat(43),
      redirect_uri: 'http://127.0.0.1:1/callback',
    });
    expect(res.status).toBe(401);
    const browser = new TestBrowser();
    const bad = await browser.request(
      new URL(
        `/auth/client/authorize?redirect_uri=${encodeURIComponent('https://evil.example/cb')}&state=${'s'.repeat(20)}&code_challenge=${'c'.repeat(43)}`,
        f.base,
      ).href,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('redirect_uri must be an http address on this computer');
  });

  it('takes the answer only from the browser session that saw the question, and only once', async () => {
    const alice = new TestBrowser();
    await alice.signIn(f.base, 'alice');
    const query = new URLSearchParams({
      redirect_uri: 'http://127.0.0.1:9/callback',
      state: 's'.repeat(20),
      code_challenge: 'c'.repeat(43),
    });
    const page = await alice.request(new URL(`/auth/client/authorize?${query}`, f.base).href);
    const link = /href="(\/auth\/client\/approve\?request=[A-Za-z0-9_-]+)"/.exec(await page.text())![1]!;
    const mallory = new TestBrowser();
    await mallory.signIn(f.base, 'vera');
    expect((await mallory.request(new URL(link, f.base).href)).status).toBe(400);
    const approved = await alice.request(new URL(link, f.base).href);
    expect(approved.status).toBe(200);
    expect(await approved.text()).toMatch(/url=http:\/\/127\.0\.0\.1:9\/callback\?state=s+&amp;code=/);
    expect((await alice.request(new URL(link, f.base).href)).status).toBe(400);
  }, 60_000);

  it('refuses to connect a team server to another team server', async () => {
    const envelope = await f.server.core.call('addTeamServer', { name: 'x', serverUrl: 'https://a.example' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
