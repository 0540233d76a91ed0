/**
 * Peak memory of `dsync-console verify` on huge bodies: `node --import tsx
 * bench/webhook-verify-memory.ts [--mb 200]`. Generates a JSON body and a binary (random
 * bytes, not UTF-8) body of that size in a temp folder, runs the real CLI on each in a child
 * process, and prints the child's peak RSS (process.resourceUsage().maxRSS, read at exit) and
 * wall time. The target (issue 16) is < 400 MB at 200 MB; before streaming it was 1.31 GB
 * (JSON) and 2.19 GB (binary). Not a test: figures depend on the machine and its load.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const mb = Number(process.argv[process.argv.indexOf('--mb') + 1]) || 200;
const dir = mkdtempSync(join(tmpdir(), 'dsync-verify-mem-'));
const cli = join(import.meta.dirname, '..', 'bin', 'dsync-console.mjs');
// Prints the child's own peak RSS as it exits.
const probe = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))`;

function writeBody(name: string, prefix: string, chunk: () => Buffer, suffix: string): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, prefix);
  for (let i = 0; i < mb; i++) writeSync(fd, chunk());
  writeSync(fd, suffix);
  closeSync(fd);
  return file;
}

function run(file: string): Promise<{ maxRssMb: number; seconds: number; firstLine: string }> {
  const header = `t=${Date.now()}, v1=${'0'.repeat(64)}`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', probe, cli, 'verify', '--header', header, '--body-file', file, '--secret', 'whsec_bench'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const kb = Number(/MAXRSS_KB (\d+)/.exec(err)?.[1] ?? NaN);
      resolve({
        maxRssMb: kb / 1024,
        seconds: (performance.now() - start) / 1000,
        firstLine: out.split('\n')[0] ?? '',
      });
    });
  });
}

try {
  const a = Buffer.alloc(1024 * 1024, 0x61);
  const json = writeBody(
    'body.json',
    '{"id":"event_big","event":"dsync.user.updated","data":{"note":"',
    () => a,
    '"},"created_at":"2026-01-01T00:00:00.000Z"}',
  );
  const binary = writeBody('body.bin', '', () => randomBytes(1024 * 1024), '');
  for (const [label, file] of [
    [`JSON, ${mb} MB`, json],
    [`binary, ${mb} MB`, binary],
  ] as const) {
    const r = await run(file);
    console.log(
      `verify ${label.padEnd(16)} peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB   ${r.seconds.toFixed(1).padStart(6)} s   ${r.firstLine.slice(0, 60)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
