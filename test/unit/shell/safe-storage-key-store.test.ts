import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeStorageKeyStore } from '../../../src/main/electron/safe-storage-key-store.ts';

/** A reversible stand-in for Electron's safeStorage (XOR), enough to see nothing rests in clear. */
function fakeSafeStorage(backend: string, available = true) {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b: Buffer) => xor(b).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

describe('SafeStorageKeyStore', () => {
  const key = 'sk_test_a1b2c3d4e5f6g7h8i9j0';

  it('keeps keys encrypted at rest and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-keys-'));
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage('gnome_libsecret'), 'linux');
    store.set('prod', key);
    const onDisk = readFileSync(join(dir, 'keys', readdirSync(join(dir, 'keys'))[0]!));
    expect(onDisk.toString('latin1')).not.toContain(key);
    expect(store.get('prod')).toBe(key);
    expect(store.protection).toBe('os');
    expect(store.warning()).toBeNull();
    store.delete('prod');
    expect(store.get('prod')).toBeNull();
  });

  it("warns when Linux falls back to safeStorage's basic_text backend", () => {
    const store = new SafeStorageKeyStore(
      mkdtempSync(join(tmpdir(), 'dsync-keys-')),
      fakeSafeStorage('basic_text'),
      'linux',
    );
    expect(store.protection).toBe('file');
    expect(store.warning()).toMatch(/basic_text/);
  });

  it('refuses to save when encryption is unavailable, and rejects path-like profile ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-keys-'));
    expect(() => new SafeStorageKeyStore(dir, fakeSafeStorage('x', false), 'darwin').set('p', key)).toThrow(
      /not saved/,
    );
    expect(() => new SafeStorageKeyStore(dir, fakeSafeStorage('x'), 'darwin').set('../evil', key)).toThrow(
      /profile id/,
    );
  });
});
