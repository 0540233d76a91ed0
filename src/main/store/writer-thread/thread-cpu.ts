/**
 * CPU time the calling thread has used, from Linux's /proc/thread-self/stat (utime + stime, in
 * clock ticks of 10 ms); null elsewhere. On a machine shared with other work, time busy on the
 * wall clock overstates a thread's work; its CPU time does not.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

const TICK_MS = 10;

export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * TICK_MS : null;
  } catch {
    return null;
  }
}

/**
 * Lowers the calling thread's scheduling priority (Linux: setpriority on the thread's own id,
 * from /proc/thread-self). Elsewhere, or when refused, nothing changes. Returns whether it did.
 */
export function lowerThreadPriority(nice: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
