/**
 * API keys at rest in the Electron app: encrypted with `safeStorage` (Keychain, DPAPI,
 * libsecret/kwallet). Where Linux has no keyring, Electron falls back to `basic_text`, which
 * is obfuscation, not encryption — the store says so through `warning()`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { safeId, type KeyStore } from '../profiles/key-store.ts';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export class SafeStorageKeyStore implements KeyStore {
  readonly protection: 'os' | 'file';
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.dir = join(dataDir, 'keys');
    this.protection = this.osProtected() ? 'os' : 'file';
  }

  private osProtected(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    return !(this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  }

  private path(profileId: string): string {
    return join(this.dir, `${safeId(profileId)}.enc`);
  }

  get(profileId: string): string | null {
    const path = this.path(profileId);
    if (!existsSync(path)) return null;
    const key = this.safeStorage.decryptString(readFileSync(path)).trim();
    return key === '' ? null : key;
  }

  set(profileId: string, key: string): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The system cannot encrypt secrets right now (safeStorage is unavailable); the key was not saved.',
      );
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.path(profileId), this.safeStorage.encryptString(key), { mode: 0o600 });
  }

  delete(profileId: string): void {
    rmSync(this.path(profileId), { force: true });
  }

  warning(): string | null {
    if (this.protection === 'os') return null;
    return 'No OS keyring is available (safeStorage uses its "basic_text" backend): API keys are only obfuscated at rest. Install and unlock a keyring (e.g. gnome-keyring) to encrypt them.';
  }
}
