import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t) },
    out: () => out,
    err: () => err,
  };
}

describe('dsync-console CLI', () => {
  it('prints help for the program and for each command, exiting 0', async () => {
    const top = capture();
    expect(await runCli(['--help'], top.io)).toBe(0);
    expect(top.out()).toContain('web');
    const web = capture();
    expect(await runCli(['web', '--help'], web.io)).toBe(0);
    expect(web.out()).toContain('--data-dir');
  });

  it('exits 2 with a one-line reason for unknown flags and bad values', async () => {
    for (const argv of [
      ['web', '--bogus'],
      ['web', '--port', 'abc'],
      ['web', '--port', '70000'],
      ['nonsense'],
      ['web', '--data-dir', '--no-open'],
      ['sync', '--data-dir', '--json'],
      ['users', '--data-dir', ''],
    ]) {
      const c = capture();
      expect(await runCli(argv, c.io)).toBe(2);
      expect(c.err().trim().split('\n')).toHaveLength(1);
    }
  });

  it('works as `npx dsync-console` through the package bin', () => {
    const result = spawnSync('npx', ['--no-install', 'dsync-console', 'web', '--port', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a port number/);
  });
});
