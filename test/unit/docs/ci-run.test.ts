/**
 * `.ci/run` is the README's path on a clean clone, so CI cannot hide an install step a new user
 * would miss: it installs exactly as the README says, then runs the checks and `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

const isInstall = (command: string) => /^npm (install|i|ci)\b/.test(command);

function readmeCommands(): string[] {
  const setUp = read('README.md').split('## Set up')[1]!.split('\n## ')[0]!;
  const block = /```sh\n([\s\S]*?)```/.exec(setUp)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .flatMap((line) => line.split('&&').map((c) => c.trim()))
    .filter(Boolean);
}

function ciCommands(): string[] {
  return read('.ci/run')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^npm\b/.test(line));
}

describe('.ci/run', () => {
  it("installs npm packages exactly as the README's set-up does, and nothing else", () => {
    const readmeInstalls = readmeCommands().filter(isInstall);
    expect(readmeInstalls.length).toBeGreaterThan(0);
    expect(ciCommands().filter(isInstall)).toEqual(readmeInstalls);
    expect(read('.ci/run')).not.toMatch(/--prefix|npm exec|npx /);
  });

  it("then lints, typechecks, runs the security scan and the README's npm test, in that order", () => {
    const checks = ciCommands().filter((c) => !isInstall(c));
    expect(checks).toEqual(['npm run lint', 'npm run typecheck', 'npm run security:scan', 'npm test']);
    expect(readmeCommands()).toContain('npm test');
  });
});
