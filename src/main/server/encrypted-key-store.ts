/**
 * API keys at rest on the team server, encrypted with AES-256-GCM under a key-encryption key
 * from a file or the environment (so a KMS or secret manager can supply it). Each file holds
 * `v1.<iv>.<tag>.<ciphertext>` (base64url) with the profile id as associated data, so a file
 * copied to another profile does not decrypt. Keys are handed to the sync engine only; no
 * contract method returns one (profiles carry a masked key), and nothing here logs them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeId, type KeyStore } from '../profiles/key-store.ts';

export class KeyDecryptError extends Error {
  override name = 'KeyDecryptError';
}

export class EncryptedFileKeyStore implements KeyStore {
  /** Reported as `os`: keys are protected beyond file permissions (no plaintext-at-rest warning). */
  readonly protection = 'os' as const;
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly kek: Buffer,
  ) {
    if (kek.length !== 32) throw new Error('The key-encryption key must be 32 bytes.');
    this.dir = join(dataDir, 'keys-encrypted');
  }

  private path(profileId: string): string {
    return join(this.dir, `${safeId(profileId)}.enc`);
  }

  get(profileId: string): string | null {
    const path = this.path(profileId);
    if (!existsSync(path)) return null;
    const parts = readFileSync(path, 'utf8').trim().split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') {
      throw new KeyDecryptError(`The stored key of profile ${profileId} is not in a format this version reads.`);
    }
    const [, iv, tag, data] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.kek, iv);
      decipher.setAAD(Buffer.from(profileId));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      throw new KeyDecryptError(
        `The stored key of profile ${profileId} does not decrypt with this key-encryption key ` +
          '(was the key rotated or the file copied?). Set the API key of the profile again.',
      );
    }
  }

  set(profileId: string, key: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    cipher.setAAD(Buffer.from(profileId));
    const data = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
    const text = ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.path(profileId), `${text}\n`, { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(this.path(profileId), 0o600);
  }

  delete(profileId: string): void {
    rmSync(this.path(profileId), { force: true });
  }

  warning(): string | null {
    return null;
  }
}
