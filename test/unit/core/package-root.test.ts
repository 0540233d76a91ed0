import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../src/main/core/package-root.ts';

const dir = mkdtempSync(join(tmpdir(), 'dsync-root-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findPackageRoot', () => {
  it('finds the project from a source module, however deep', () => {
    const root = findPackageRoot(import.meta.url);
    expect(findPackageRoot(pathToFileURL(join(root, 'src', 'main', 'core', 'x.ts')).href)).toBe(root);
  });

  it('skips package.json files of other packages on the way up (a bundle under out/)', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'dsync-console' }));
    mkdirSync(join(dir, 'out', 'node', 'b1'), { recursive: true });
    writeFileSync(join(dir, 'out', 'package.json'), JSON.stringify({ name: 'something-else' }));
    expect(findPackageRoot(pathToFileURL(join(dir, 'out', 'node', 'b1', 'cli.js')).href)).toBe(dir);
  });

  it('says so when there is no project above', () => {
    expect(() => findPackageRoot(pathToFileURL('/x.js').href)).toThrow(/No dsync-console package.json/);
  });
});
