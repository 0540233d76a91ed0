// Loads the CLI from one pre-bundled file instead of ~250 TypeScript modules through tsx's
// loader hooks: that took 1.6–2.6 s of every start (the web console's cold start), the bundle
// loads in about 0.5 s. The bundle is rebuilt with esbuild (under a second) whenever a source
// under src/main, src/shared or src/emulator is newer than the one it was built from, so a
// fresh clone and every edit still "just work". Without esbuild, or with
// DSYNC_CONSOLE_FROM_SOURCE=1, the sources run through tsx as before.
//
// Each build goes to its own folder (out/node/<id>/, the CLI and its worker threads side by side,
// as run-in-worker.ts and query-worker/host.ts expect) and `out/node/current.json` is switched to it atomically, so
// processes starting while another one rebuilds never load half-written files.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(root, 'out', 'node');
const pointerPath = join(outRoot, 'current.json');
const sourceDirs = ['src/main', 'src/shared', 'src/emulator'].map((d) => join(root, d));
const OLD_BUILD_MS = 24 * 3600_000;

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function readPointer() {
  try {
    return JSON.parse(readFileSync(pointerPath, 'utf8'));
  } catch {
    return null;
  }
}

/** Builds for the other processes' sake are kept a day, then removed by a later build. */
function removeOldBuilds(keep) {
  for (const name of readdirSync(outRoot)) {
    const dir = join(outRoot, name);
    if (name === keep || !statSync(dir).isDirectory()) continue;
    if (Date.now() - statSync(dir).mtimeMs > OLD_BUILD_MS) rmSync(dir, { recursive: true, force: true });
  }
}

async function build(sourcesAt) {
  const { build: esbuild } = await import('esbuild');
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const dir = join(outRoot, id);
  mkdirSync(dir, { recursive: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: {
      cli: 'src/main/cli/main.ts',
      'sync-worker': 'src/main/sync/worker/sync-worker.ts',
      'query-worker': 'src/main/core/query-worker/query-worker.ts',
      'cache-writer': 'src/main/store/writer-thread/cache-writer.ts',
    },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  const tmp = `${pointerPath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ dir: id, sourcesAt, bundler: newestMtime(fileURLToPath(import.meta.url)) }));
  renameSync(tmp, pointerPath);
  removeOldBuilds(id);
  return dir;
}

async function bundleDir() {
  const sourcesAt = Math.max(...sourceDirs.filter(existsSync).map(newestMtime));
  const bundlerAt = newestMtime(fileURLToPath(import.meta.url));
  const current = readPointer();
  const currentDir = current && join(outRoot, current.dir);
  if (
    current &&
    current.sourcesAt >= sourcesAt &&
    current.bundler >= bundlerAt &&
    existsSync(join(currentDir, 'cli.js'))
  )
    return currentDir;
  return build(sourcesAt);
}

/** The CLI module (`runCli`), from the bundle when possible, else from source through tsx. */
export async function loadCli() {
  if (!process.env.DSYNC_CONSOLE_FROM_SOURCE && existsSync(join(root, 'src', 'main'))) {
    try {
      const dir = await bundleDir();
      // Stack traces point at the TypeScript sources, not at the bundle.
      process.setSourceMapsEnabled(true);
      return await import(pathToFileURL(join(dir, 'cli.js')).href);
    } catch (err) {
      if (process.env.DSYNC_CONSOLE_DEBUG_BUNDLE) console.error(err);
      // No esbuild (installed without dev dependencies) or a build error: run from source,
      // where tsx reports any error against the file that has it.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/main/cli/main.ts');
}
