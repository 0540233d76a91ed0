/**
 * Where API keys rest. The core asks this interface only; the CLI and web console use the
 * 0600 file store below, and the Electron shell can supply one backed by `safeStorage`.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyStore {
  /** `os` when an OS keychain protects keys at rest, `file` otherwise. */
  readonly protection: 'os' | 'file';
  get(profileId: string): string | null;
  set(profileId: string, key: string): void;
  delete(profileId: string): void;
  /** A warning to show when keys are not protected by the OS. */
  warning(): string | null;
}

/** Profile ids become file names: refuse anything path-like. */
export const safeId = (profileId: string): string => {
  if (!/^[A-Za-z0-9_-]+$/.test(profileId)) throw new Error(`Unexpected profile id "${profileId}".`);
  return profileId;
};

export class FileKeyStore implements KeyStore {
  readonly protection = 'file' as const;
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'keys');
  }

  private path(profileId: string): string {
    return join(this.dir, `${safeId(profileId)}.key`);
  }

  get(profileId: string): string | null {
    const path = this.path(profileId);
    if (!existsSync(path)) return null;
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    const key = readFileSync(path, 'utf8').trim();
    return key === '' ? null : key;
  }

  set(profileId: string, key: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.path(profileId), `${key}\n`, { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(this.path(profileId), 0o600);
  }

  delete(profileId: string): void {
    rmSync(this.path(profileId), { force: true });
  }

  warning(): string | null {
    return `API keys are stored in ${this.dir} (readable only by you, but not encrypted by an OS keychain).`;
  }
}

/** Reads a key from a file given on the command line; refuses files others can read. */
export function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the API key file ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new Error(`The API key file ${path} is readable by other users; run "chmod 600 ${path}" first.`);
  }
  const key = text.trim();
  if (!/^sk_[A-Za-z0-9_]+$/.test(key))
    throw new Error(`The API key file ${path} does not contain a WorkOS API key (sk_…).`);
  return key;
}
