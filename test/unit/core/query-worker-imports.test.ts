/**
 * The query worker loads the store's queries and nothing of the sync engine: each worker is
 * started on a cold start, and the WorkOS SDK with its HTTP client was half of its start-up CPU.
 * Checked on the worker's bundle, as the CLI builds it (bin/cli-bundle.mjs).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

async function packagesImportedBy(entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports);
  return [...new Set(imports.filter((i) => i.external).map((i) => i.path))].sort();
}

describe('the query worker bundle', () => {
  it('imports better-sqlite3 and no client of the WorkOS API', async () => {
    const packages = await packagesImportedBy('src/main/core/query-worker/query-worker.ts');
    expect(packages).toContain('better-sqlite3');
    expect(packages).not.toContain('@workos-inc/node');
    expect(packages.filter((p) => p.startsWith('node:http') || p === 'undici')).toEqual([]);
  });

  it('while the sync worker does import the SDK (the check sees packages)', async () => {
    expect(await packagesImportedBy('src/main/sync/worker/sync-worker.ts')).toContain('@workos-inc/node');
  });
});
