// `npm start`: runs the launcher (scripts/launch.mjs: Electron, or the web console where
// Electron cannot run) and owns everything it starts. The launcher runs in a process group (and
// session) of its own, so its build steps, the app and its helpers are one group: Ctrl+C, SIGTERM or
// SIGHUP here is passed to the whole group, whatever is left after GRACE_MS is killed, and this
// process exits only once the group is empty. A second Ctrl+C kills at once. Should this process
// itself be killed outright (SIGKILL), the launcher sees its IPC channel close and ends its group.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GRACE_MS = 4000;
const POLL_MS = 50;
// `npm start` passes a terminal's Ctrl+C on to us although the terminal sent it too, so one
// key press can arrive twice at once; only a later second signal means "stop now".
const SAME_PRESS_MS = 500;
// Windows has no process groups to signal; there the console's Ctrl+C reaches every process.
const ownGroup = process.platform !== 'win32';

const launcher = spawn(
  process.execPath,
  [fileURLToPath(new URL('./launch.mjs', import.meta.url)), ...process.argv.slice(2)],
  { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: ownGroup },
);

function signalGroup(signal) {
  try {
    if (ownGroup) process.kill(-launcher.pid, signal);
    else launcher.kill(signal);
  } catch {
    // The group is already gone.
  }
}

function groupAlive() {
  if (!ownGroup) return launcher.exitCode === null && launcher.signalCode === null;
  try {
    process.kill(-launcher.pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

let stopSignal = null;
let stopSignalAt = 0;
let killed = false;
function killAfterGrace() {
  setTimeout(() => {
    if (!groupAlive()) return;
    killed = true;
    console.error(`dsync-console did not stop within ${GRACE_MS / 1000} s; killed it.`);
    signalGroup('SIGKILL');
  }, GRACE_MS).unref();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopSignal) {
      if (Date.now() - stopSignalAt < SAME_PRESS_MS) return;
      killed = true;
      signalGroup('SIGKILL');
      return;
    }
    stopSignal = signal;
    stopSignalAt = Date.now();
    signalGroup(signal);
    killAfterGrace();
  });
}

let launcherCode = 0;
function exitWhenGroupEmpty() {
  if (groupAlive()) {
    setTimeout(exitWhenGroupEmpty, POLL_MS);
    return;
  }
  process.exit(killed ? 1 : stopSignal ? 0 : launcherCode);
}

launcher.on('exit', (code, signal) => {
  launcherCode = code ?? (signal ? 1 : 0);
  if (!stopSignal && groupAlive()) {
    // The launcher ended on its own but left something running: nothing of it may outlive it.
    stopSignal = 'SIGTERM';
    signalGroup('SIGTERM');
    killAfterGrace();
  }
  exitWhenGroupEmpty();
});
launcher.on('error', (error) => {
  console.error(`could not start the launcher: ${error.message}`);
  process.exit(1);
});
