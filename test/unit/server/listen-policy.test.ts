/** The team server refuses to start where it would expose the directory or the key, saying why. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { loadServerConfig, roleFor, type ServerConfig } from '../../../src/main/server/config.ts';
import { checkListenPolicy } from '../../../src/main/server/policy.ts';

const oidc: ServerConfig = loadServerConfig(undefined, {
  DSYNC_OIDC_ISSUER: 'https://idp.example.com',
  DSYNC_OIDC_CLIENT_ID: 'dsync',
  DSYNC_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
});
const none: ServerConfig = loadServerConfig(undefined, {});
const plan = { host: '0.0.0.0', port: 443, tls: true, trustProxy: false, publicUrl: 'https://dsync.example.com' };

describe('listen policy', () => {
  it('refuses to bind beyond loopback without sign-in configured', () => {
    expect(() => checkListenPolicy(plan, none, {})).toThrow(
      /Refusing to listen on 0\.0\.0\.0: no sign-in is configured/,
    );
  });

  it('refuses plain HTTP beyond loopback unless a proxy is trusted', () => {
    expect(() => checkListenPolicy({ ...plan, tls: false }, oidc, {})).toThrow(/Refusing plain HTTP/);
    expect(() => checkListenPolicy({ ...plan, tls: false, trustProxy: true }, oidc, {})).not.toThrow();
  });

  it('asks for an https public URL behind a proxy, and both TLS files', () => {
    expect(() => checkListenPolicy({ ...plan, tls: false, trustProxy: true, publicUrl: undefined }, oidc, {})).toThrow(
      /--trust-proxy needs --public-url/,
    );
    expect(() =>
      checkListenPolicy({ ...plan, tls: false, trustProxy: true, publicUrl: 'http://dsync.example.com' }, oidc, {}),
    ).toThrow(/must be https/);
    expect(() => checkListenPolicy(plan, oidc, { cert: 'c.pem' })).toThrow(/both --tls-cert and --tls-key/);
  });

  it('refuses to keep API keys unencrypted beyond loopback', () => {
    const noKek = { ...oidc, keyEncryptionKey: undefined };
    expect(() => checkListenPolicy(plan, noKek, {})).toThrow(/encrypted at rest/);
  });

  it('allows loopback without sign-in (the one-time link, as the web console)', () => {
    expect(() => checkListenPolicy({ ...plan, host: '127.0.0.1', tls: false }, none, {})).not.toThrow();
  });

  it('`serve --host 0.0.0.0` without sign-in exits with the reason, before starting anything', async () => {
    const err: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'dsync-serve-'));
    const code = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir], {
      out: () => {},
      err: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/Refusing to listen on 0\.0\.0\.0.*listen on 127\.0\.0\.1/);
  });
});

describe('server config', () => {
  it('names the setting that is wrong', () => {
    expect(() => loadServerConfig(undefined, { DSYNC_OIDC_ISSUER: 'not a url', DSYNC_OIDC_CLIENT_ID: 'x' })).toThrow(
      /oidc\.issuer/,
    );
    expect(() => loadServerConfig(undefined, { DSYNC_KEY_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32-byte key/);
  });

  it('maps roles: highest of groups claim and e-mail allow-list; unverified e-mail does not count', () => {
    const map = {
      groupsClaim: 'roles',
      groups: { viewer: ['support'], admin: ['it-admins'] },
      emails: { operator: ['ops@example.com'] },
    };
    expect(roleFor({ roles: ['support', 'it-admins'] }, map)).toBe('admin');
    expect(roleFor({ roles: ['support'], email: 'OPS@example.com' }, map)).toBe('operator');
    expect(roleFor({ email: 'ops@example.com', email_verified: false }, map)).toBeNull();
    expect(roleFor({ roles: 'support' }, map)).toBeNull();
  });
});
