/**
 * What a bench run leaves behind when it is stopped (Ctrl+C, or `timeout` on a 25-minute run):
 * its temporary caches (gigabytes at 1M users) and its child processes (emulator, sync, web
 * console). Each is registered when made and removed on SIGINT/SIGTERM as well as when its
 * scenario ends.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs = new Set<string>();
const children = new Set<ChildProcess>();

/** A fresh folder under the OS temp folder, removed if the run is stopped. */
export function benchTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export function removeBenchTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** A child process killed if the run is stopped (it is forgotten once it exits). */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Installs the handlers: on SIGINT/SIGTERM, kill the children, remove the folders, exit. */
export function cleanUpWhenStopped(log: (line: string) => void): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      log(`stopped by ${signal}: ${children.size} child process(es) killed, ${dirs.size} temporary folder(s) removed`);
      process.exit(code);
    });
  }
}
