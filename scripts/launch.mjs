// What `npm start` runs (under scripts/start.mjs, which owns this process group): build and
// launch the Electron app; where Electron's binary cannot be had (as on an offline machine) say
// so in one line and serve the same console as a local web app. Signals reach this whole group
// from start.mjs, so nothing here forwards them: this process ends at once, the app shuts down
// on its own and start.mjs waits for it.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { locateElectron } from './electron-binary.mjs';
import { electronNativeBinding } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);

// start.mjs gone without a word (killed outright): end this group rather than orphan it.
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.platform === 'win32' ? process.pid : -process.pid, 'SIGTERM'));
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = process.env.DSYNC_FORCE_WEB ? { ok: false, reason: 'DSYNC_FORCE_WEB is set' } : locateElectron(root);
if (!electron.ok) {
  console.log(`Electron is not available on this machine: ${electron.reason}. Serving the web console instead.`);
  run(process.execPath, ['bin/dsync-console.mjs', 'web', ...passThrough]);
} else {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const nativeBinding = electronNativeBinding(root);
  run(electron.path, ['.', ...passThrough], { ...process.env, DSYNC_SQLITE_NATIVE_BINDING: nativeBinding });
}
