/**
 * The team server's audit trail (who looked at which person or group, who changed profiles or
 * keys, sign-ins, refusals; append-only; listed by admins with filters) and API keys at rest
 * (AES-256-GCM under the configured key, never returned, never logged).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/api.ts';
import { TestBrowser } from './support/browser.ts';
import { startFixture, type Fixture } from './support/team-server.ts';

const API_KEY = 'sk_test_a1b2c3d4e5f6g7h8i9j0KLMNOPQRSTUV';
let f: Fixture;
let alice: TestBrowser;
let vera: TestBrowser;

beforeAll(async () => {
  f = await startFixture({ keyEncryptionKey: Buffer.alloc(32, 7), keyEncryptionKeySource: 'test' });
  alice = new TestBrowser();
  expect((await alice.signIn(f.base, 'alice')).res.status).toBe(200);
  vera = new TestBrowser();
  expect((await vera.signIn(f.base, 'vera')).res.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await f?.close();
});

async function api(browser: TestBrowser, method: string, input?: unknown) {
  const res = await browser.request(new URL(`/api/${method}`, f.base).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(f.base).origin },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
}

async function audit(filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  const { body } = await api(alice, 'listAuditLog', filter);
  expect(body.ok).toBe(true);
  return (body.value as { items: AuditEntry[] }).items;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('audit log', () => {
  it('records sign-ins with the person, role and client address', async () => {
    const rows = await audit({ action: 'sign_in' });
    const mine = rows.find((r) => r.actor === 'alice@example.com');
    expect(mine).toMatchObject({ role: 'admin', outcome: 'ok', clientAddress: expect.stringMatching(/127\.0\.0\.1/) });
    expect(rows.some((r) => r.actor === 'vera@example.com' && r.role === 'viewer')).toBe(true);
  });

  it('records who looked at which user and group', async () => {
    await api(vera, 'getUser', { profileId: 'demo', userId: 'directory_user_X1' });
    await api(vera, 'getGroupTimeline', { profileId: 'demo', groupId: 'directory_group_G1' });
    const rows = await audit({ actor: 'Vera@example.com' });
    expect(rows.map((r) => [r.action, r.target])).toEqual(
      expect.arrayContaining([
        ['getUser', 'user:directory_user_X1'],
        ['getGroupTimeline', 'group:directory_group_G1'],
      ]),
    );
  });

  it('does not log plain list reads (only single records, exports and changes)', async () => {
    await api(vera, 'listDirectories', { profileId: 'demo' });
    expect((await audit({ actor: 'vera@example.com', action: 'listDirectories' })).length).toBe(0);
  });

  it('records changes to profiles and keys without the key, and refusals of lower roles', async () => {
    const created = await api(alice, 'createProfile', { name: 'Production', apiKey: API_KEY });
    expect(created.status).toBe(200);
    const refused = await api(vera, 'deleteProfile', { profileId: 'demo' });
    expect(refused.status).toBe(403);
    const change = (await audit({ action: 'createProfile' }))[0]!;
    expect(change).toMatchObject({ actor: 'alice@example.com', outcome: 'ok', details: { apiKey: '[removed]' } });
    const denial = (await audit({ action: 'deleteProfile' }))[0]!;
    expect(denial).toMatchObject({ actor: 'vera@example.com', outcome: 'forbidden', target: 'profile:demo' });
  });

  it('lets only admins read it, and filters by time', async () => {
    expect((await api(vera, 'listAuditLog', {})).status).toBe(403);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await audit({ since: future })).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const first = await api(alice, 'listAuditLog', { limit: 2 });
    const page = first.body.value as { items: AuditEntry[]; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    const next = (await api(alice, 'listAuditLog', { limit: 2, cursor: page.nextCursor })).body.value as {
      items: AuditEntry[];
    };
    expect(next.items[0]!.id).toBeLessThan(page.items[1]!.id);
  });

  it('is append-only in the store', () => {
    const db = f.server.core.context.store.writer;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('API keys at rest', () => {
  it('never returns the key: profiles show it masked', async () => {
    const { body } = await api(alice, 'listProfiles');
    const text = JSON.stringify(body);
    expect(text).not.toContain(API_KEY);
    expect(text).toContain('sk_test_');
  });

  it('stores it encrypted: no file in the data directory holds it, the key store decrypts it', () => {
    const dataDir = f.server.core.context.dataDir;
    for (const file of filesUnder(dataDir)) {
      expect(readFileSync(file).includes(Buffer.from(API_KEY)), file).toBe(false);
    }
    const encrypted = filesUnder(join(dataDir, 'keys-encrypted'));
    expect(encrypted).toHaveLength(1);
    expect(readFileSync(encrypted[0]!, 'utf8')).toMatch(/^v1\./);
  });

  it('never logs it', () => {
    expect(f.logs.join('\n')).not.toContain(API_KEY);
  });
});
