// Finds the Electron binary without letting its download noise reach the user. The `electron`
// package downloads its binary on first use; offline that fails, and we say so in one line.
import { spawnSync } from 'node:child_process';

/** @returns {{ ok: true, path: string } | { ok: false, reason: string }} */
export function locateElectron(cwd) {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (probe.status === 0 && probe.stdout) return { ok: true, path: probe.stdout.trim() };
  const output = `${probe.stderr ?? ''}${probe.stdout ?? ''}`;
  const cause =
    /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.exec(output)?.[0] ??
    (probe.error ? probe.error.message : 'the download failed');
  return { ok: false, reason: `its binary could not be downloaded (${cause})` };
}
