import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BackupScheduler } from '../../../src/main/server/backups.ts';
import { createJsonLog } from '../../../src/main/server/json-log.ts';
import { openStore } from '../../../src/main/store/store.ts';

describe('BackupScheduler', () => {
  it('writes whole online copies of the cache and keeps only the newest ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-backup-'));
    const store = openStore(dir, { isDataDir: true });
    store.writer
      .prepare("INSERT INTO audit_log (at, actor, action, outcome, details_json) VALUES ('t', 'a', 'x', 'ok', '{}')")
      .run();
    const logs: string[] = [];
    let t = Date.parse('2026-12-05T10:00:00Z');
    const backups = new BackupScheduler({
      db: store.writer,
      dir: join(dir, 'backups'),
      everyMs: 3_600_000,
      keep: 2,
      log: createJsonLog((l) => logs.push(l)),
      now: () => new Date((t += 3_600_000)),
    });
    const files: string[] = [];
    for (let i = 0; i < 3; i++) files.push(await backups.backupNow());
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual([
      'cache-20261205T120000Z.sqlite',
      'cache-20261205T130000Z.sqlite',
    ]);
    const copy = new Database(files[2]!, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    copy.close();
    expect(logs.some((l) => JSON.parse(l).msg === 'backup written')).toBe(true);
    await backups.close();
    store.close();
  });

  it('reports a failed backup and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-backup-'));
    const store = openStore(dir, { isDataDir: true });
    const backups = new BackupScheduler({
      db: store.writer,
      dir: join(dir, 'cache.sqlite', 'not-a-dir'),
      everyMs: 3_600_000,
      keep: 2,
      log: createJsonLog(() => {}),
    });
    await expect(backups.backupNow()).rejects.toThrow();
    expect(backups.lastError).toBeTruthy();
    store.close();
  });
});
