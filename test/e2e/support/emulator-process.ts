/**
 * The WorkOS emulator as its own process (the real CLI, `dsync-console emulator --json`), with
 * the API key and webhook secret a test chooses, plus helpers for its admin API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface EmulatorProcess {
  url: string;
  apiKey: string;
  webhookSecret: string;
  output(): string;
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const projectRoot = join(import.meta.dirname, '..', '..', '..');

export async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/dsync-console.mjs', 'emulator', '--json', '--port', '0', '--events-hold-back', '0', ...args],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const info = await new Promise<{ url: string; apiKey: string; webhookSecret: string }>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { url: string; apiKey: string; webhookSecret: string });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    ...info,
    output: () => output,
    async admin(method, path, body) {
      const res = await fetch(`${info.url}/_emulator${path}`, {
        method,
        headers: { Authorization: `Bearer ${info.apiKey}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`emulator admin ${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
