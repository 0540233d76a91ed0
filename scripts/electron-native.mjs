// Builds better-sqlite3 for Electron's ABI into .cache/, leaving node_modules' Node build (the
// one tests use) untouched. The main process loads it through better-sqlite3's `nativeBinding`
// option, named by the DSYNC_SQLITE_NATIVE_BINDING variable.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function electronNativeBinding(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const target = join(
    root,
    '.cache',
    'electron-native',
    `electron-${electronVersion}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (existsSync(target)) return target;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; about 90 s)…`);
  const work = mkdtempSync(join(tmpdir(), 'dsync-sqlite-electron-'));
  try {
    cpSync(join(root, 'node_modules/better-sqlite3'), work, {
      recursive: true,
      filter: (src) => !src.includes(`${'better-sqlite3'}/build`),
    });
    const env = {
      ...process.env,
      npm_config_nodedir: '',
      npm_config_runtime: 'electron',
      npm_config_target: electronVersion,
    };
    const result = spawnSync(
      'npm',
      [
        'exec',
        '--yes',
        '--',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, env, stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error('building better-sqlite3 for Electron failed (see above)');
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(join(work, 'build/Release/better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
