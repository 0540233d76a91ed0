import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileKeyStore } from '../../../src/main/server/encrypted-key-store.ts';

const KEY = 'sk_live_0123456789abcdefghijABCDEFGHIJ';

describe('EncryptedFileKeyStore', () => {
  it('round-trips a key that is not in the file in clear', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-kek-'));
    const store = new EncryptedFileKeyStore(dir, Buffer.alloc(32, 1));
    store.set('prod', KEY);
    expect(readFileSync(join(dir, 'keys-encrypted', 'prod.enc'), 'utf8')).not.toContain('sk_live');
    expect(store.get('prod')).toBe(KEY);
    expect(new EncryptedFileKeyStore(dir, Buffer.alloc(32, 1)).get('prod')).toBe(KEY);
  });

  it('says what to do when the key-encryption key is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-kek-'));
    new EncryptedFileKeyStore(dir, Buffer.alloc(32, 1)).set('prod', KEY);
    expect(() => new EncryptedFileKeyStore(dir, Buffer.alloc(32, 2)).get('prod')).toThrow(
      /does not decrypt.*set the API key/i,
    );
  });

  it('does not decrypt a file copied to another profile (profile id is authenticated)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-kek-'));
    const store = new EncryptedFileKeyStore(dir, Buffer.alloc(32, 1));
    store.set('prod', KEY);
    copyFileSync(join(dir, 'keys-encrypted', 'prod.enc'), join(dir, 'keys-encrypted', 'other.enc'));
    expect(() => store.get('other')).toThrow(/does not decrypt/);
  });

  it('uses a fresh nonce for every write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-kek-'));
    const store = new EncryptedFileKeyStore(dir, Buffer.alloc(32, 1));
    store.set('prod', KEY);
    const a = readFileSync(join(dir, 'keys-encrypted', 'prod.enc'), 'utf8');
    store.set('prod', KEY);
    expect(readFileSync(join(dir, 'keys-encrypted', 'prod.enc'), 'utf8')).not.toBe(a);
  });
});
