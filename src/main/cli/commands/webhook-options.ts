/**
 * Shared by the webhook commands. Where they get secrets: repeated `--secret`, `--secret-file` (one secret
 * per line), else the WORKOS_WEBHOOK_SECRET environment variable. Secrets are never printed.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export function collectRepeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export interface SecretSourceOptions {
  secret?: string[];
  secretFile?: string;
}

/** Throws an Error with a one-line message when the secret file cannot be read. */
export function resolveSecrets(opts: SecretSourceOptions, env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = [...(opts.secret ?? [])];
  if (opts.secretFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(opts.secretFile, 'utf8');
    } catch (err) {
      throw new Error(
        `cannot read --secret-file ${opts.secretFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        { cause: err },
      );
    }
    // One secret per line; the line break ending each line is not part of the secret.
    secrets.push(...text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1));
  }
  if (secrets.length === 0 && env.WORKOS_WEBHOOK_SECRET !== undefined) secrets.push(env.WORKOS_WEBHOOK_SECRET);
  return secrets;
}

/** The output the CLI configured for this command (captured in tests), else the process's. */
export function writerOf(command: Command, stream: 'out' | 'err'): (text: string) => void {
  const config = command.configureOutput();
  const write = stream === 'out' ? config.writeOut : config.writeErr;
  if (write) return write;
  return stream === 'out' ? (t) => void process.stdout.write(t) : (t) => void process.stderr.write(t);
}
