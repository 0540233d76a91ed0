/** One Content Security Policy for every host of the renderer, and the page's meta tag in step. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../../src/main/electron/protocol.ts';
import { APP_HOST } from '../../../src/main/electron/web-preferences.ts';
import { securityHeaders } from '../../../src/main/web/security-headers.ts';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_DIRECTIVES,
  HEADER_ONLY_DIRECTIVES,
} from '../../../src/shared/content-security-policy.ts';

const projectRoot = join(import.meta.dirname, '..', '..', '..');

function metaPolicy(html: string): string[] {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  if (!match) throw new Error('index.html has no Content-Security-Policy meta tag');
  return match[1]!.split(';').map((d) => d.trim());
}

describe('content security policy', () => {
  it('the web console and the Electron app:// protocol send the same header', async () => {
    expect(securityHeaders['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    const dir = mkdtempSync(join(tmpdir(), 'dsync-csp-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const response = await serveAppRequest(dir, new Request(`app://${APP_HOST}/users`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it("index.html's meta tag holds the same policy, less what only a header can carry", () => {
    const html = readFileSync(join(projectRoot, 'src/renderer/index.html'), 'utf8');
    const expected = CONTENT_SECURITY_POLICY_DIRECTIVES.filter(
      (d) => !HEADER_ONLY_DIRECTIVES.includes(d.split(' ')[0]!),
    );
    expect(metaPolicy(html)).toEqual(expected);
  });
});
