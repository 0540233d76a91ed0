/**
 * `dsync-console users | head`: when the reader closes the pipe, the next write fails with
 * EPIPE. Like any Unix tool the command then ends quietly with status 0 instead of dying with
 * a stack trace: there is nobody left to read what it would print.
 */
let installed = false;

export function endQuietlyWhenPipeCloses(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  // stderr closed too (`2>&1 | head`): nothing can be reported any more; keep the status.
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}
