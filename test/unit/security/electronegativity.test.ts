/** The CI gate over electronegativity: passes on our source, fails on an insecure window. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const scan = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/security-scan.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('electronegativity gate', () => {
  it('passes on src/ with every MEDIUM/HIGH finding explained in the allow-list', () => {
    const result = scan();
    expect(result.stdout).toMatch(/0 blocking/);
    expect(result.status).toBe(0);
  });

  it('fails the build on a window with contextIsolation off and nodeIntegration on', () => {
    const result = scan('test/fixtures/insecure-electron');
    expect(result.stdout).toMatch(/FAIL\s+HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(result.status).toBe(1);
  });
});
