/**
 * The docs stay true to the tree: every repository path docs/architecture.md names exists, and
 * every relative link in the README leads somewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Backticked paths under the repository's top-level folders, without placeholders like <name>. */
function namedPaths(markdown: string): string[] {
  const paths = new Set<string>();
  for (const [, code] of markdown.matchAll(/`([^`\n]+)`/g)) {
    for (const part of code!.split(/,\s*/)) {
      if (/^(src|scripts|test|bench|bin|docs|security)\/[\w./-]*$/.test(part)) paths.add(part.replace(/\/$/, ''));
    }
  }
  return [...paths];
}

describe('docs', () => {
  it('docs/architecture.md names only paths that exist', () => {
    const paths = namedPaths(read('docs/architecture.md'));
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it("the README's relative links and eslint.config.js lead to docs/architecture.md", () => {
    const readme = read('README.md');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links).toContain('docs/architecture.md');
    expect(links.filter((l) => !existsSync(join(root, l)))).toEqual([]);
    expect(read('eslint.config.js')).toContain('docs/architecture.md');
  });
});
