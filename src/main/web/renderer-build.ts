/**
 * The web console serves the built renderer. In a fresh clone it is not built yet, so the
 * first `web` run builds it (a few seconds) and later runs rebuild only when sources changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findPackageRoot } from '../core/package-root.ts';

export const projectRoot = findPackageRoot(import.meta.url);
export const rendererOutDir = join(projectRoot, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = join(rendererOutDir, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src/renderer', 'src/shared'].map((d) => join(projectRoot, d)).filter(existsSync);
  const built = statSync(index).mtimeMs;
  return sources.some((d) => newestMtime(d) > built);
}

/** Builds the renderer if missing or stale; returns the folder to serve. */
export function ensureRendererBuilt(log: (line: string) => void): string {
  if (!existsSync(join(projectRoot, 'src', 'renderer'))) return rendererOutDir; // installed without sources
  if (!rendererIsStale()) return rendererOutDir;
  log('Building the console UI (first run or sources changed)…');
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [viteBin, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error('Building the console UI failed; see the messages above.');
  return rendererOutDir;
}
