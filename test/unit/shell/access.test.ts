import { describe, expect, it } from 'vitest';
import { AccessControl } from '../../../src/main/web/access.ts';

describe('web console access control', () => {
  it('spends a token exactly once and recognises the session it grants', () => {
    const access = new AccessControl();
    access.bind('127.0.0.1', 4000);
    const token = access.issueToken();
    const session = access.exchange(token);
    expect(session).toBeTruthy();
    expect(access.exchange(token)).toBeNull();
    expect(access.hasSession(session!)).toBe(true);
    expect(access.hasSession('forged')).toBe(false);
    expect(access.hasSession(undefined)).toBe(false);
    expect(access.cookieHeader(session!)).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('accepts only loopback names on the bound port as Host', () => {
    const access = new AccessControl();
    access.bind('127.0.0.1', 4000);
    for (const ok of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000', 'LOCALHOST:4000']) {
      expect(access.hostAllowed(ok)).toBe(true);
    }
    for (const bad of ['127.0.0.1:4001', 'evil.com:4000', 'evil.com', undefined, '127.0.0.1']) {
      expect(access.hostAllowed(bad)).toBe(false);
    }
  });

  it('refuses cross-origin state changes but allows same-origin and non-browser clients', () => {
    const access = new AccessControl();
    access.bind('127.0.0.1', 4000);
    expect(access.originAllowed('http://127.0.0.1:4000', 'same-origin')).toBe(true);
    expect(access.originAllowed(undefined, undefined)).toBe(true);
    expect(access.originAllowed('http://evil.com', undefined)).toBe(false);
    expect(access.originAllowed('http://127.0.0.1:4000', 'cross-site')).toBe(false);
    expect(access.originAllowed('null', undefined)).toBe(false);
    expect(access.originAllowed('https://127.0.0.1:4000', undefined)).toBe(false);
  });
});
