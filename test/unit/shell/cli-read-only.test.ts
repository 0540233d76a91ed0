/**
 * Read-only commands (users, groups, changes, directories) on a data folder that is missing,
 * empty, foreign or just not theirs to change: they say what is missing (exit 1) and leave
 * every byte and permission as it was.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { openWritableDatabase } from '../../../src/main/store/connection.ts';
import { latestVersion, readUserVersion } from '../../../src/main/store/migrate.ts';
import { migrations } from '../../../src/main/store/migrations/index.ts';
import { tempDir } from '../store/helpers.ts';

const READ_ONLY = ['users', 'groups', 'changes', 'directories'];

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('read-only commands', () => {
  it('on a missing data folder: exit 1, one line naming it, and the folder is not created', async () => {
    const missing = join(tmp.dir, 'never', 'made');
    for (const cmd of READ_ONLY) {
      const res = await run([cmd, '--data-dir', missing]);
      expect(res.code, cmd).toBe(1);
      expect(res.err.trimEnd().split('\n'), cmd).toHaveLength(1);
      expect(res.err).toContain(`There is no data folder at ${missing}`);
      expect(existsSync(join(tmp.dir, 'never')), cmd).toBe(false);
    }
  });

  it('on a folder without a cache: exit 1, and no cache file appears', async () => {
    for (const cmd of READ_ONLY) {
      const res = await run([cmd, '--data-dir', tmp.dir]);
      expect(res.code, cmd).toBe(1);
      expect(res.err).toMatch(/There is no cache in .*cache\.sqlite/);
    }
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('leaves an empty file, a text file and a foreign SQLite database byte for byte as they were', async () => {
    const path = join(tmp.dir, 'cache.sqlite');
    const foreign = (): void => {
      const db = new Database(path);
      db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
      db.close();
    };
    const cases: [string, () => void, RegExp][] = [
      ['empty', () => writeFileSync(path, ''), /is empty: it is not a dsync-console cache/],
      ['text', () => writeFileSync(path, 'hello, world\n'.repeat(100)), /is not a SQLite database/],
      ['foreign', foreign, /is a SQLite database but not a dsync-console cache/],
    ];
    for (const [name, make, message] of cases) {
      tmp.cleanup();
      mkdirSync(tmp.dir);
      make();
      const before = sha(path);
      for (const cmd of READ_ONLY) {
        const res = await run([cmd, '--data-dir', tmp.dir]);
        expect(res.code, `${name} ${cmd}`).toBe(1);
        expect(res.err, `${name} ${cmd}`).toMatch(message);
        expect(res.err.trimEnd().split('\n')).toHaveLength(1);
      }
      expect(sha(path), name).toBe(before);
      expect(readdirSync(tmp.dir), name).toEqual(['cache.sqlite']);
    }
  });

  it('adds the details under --verbose', async () => {
    writeFileSync(join(tmp.dir, 'cache.sqlite'), 'not sqlite');
    const res = await run(['--verbose', 'users', '--data-dir', tmp.dir]);
    expect(res.code).toBe(1);
    const lines = res.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: .*is not a SQLite database/);
    expect(lines.length).toBeGreaterThan(1);
    expect(res.err).toMatch(/\n\s+at /);
  });

  it('upgrades a cache from an older build (with its backup) before reading it, as the app would', async () => {
    const path = join(tmp.dir, 'cache.sqlite');
    openWritableDatabase(path, migrations.slice(0, -1)).db.close();
    const res = await run(['directories', '--data-dir', tmp.dir, '--format', 'json']);
    expect(res.code, res.err).toBe(0);
    const db = new Database(path, { readonly: true });
    expect(readUserVersion(db)).toBe(latestVersion());
    db.close();
    expect(readdirSync(tmp.dir).some((f) => f.endsWith('.bak'))).toBe(true);
  });

  it("reads a real cache without changing its folder's permissions", async () => {
    openStore(tmp.dir, { isDataDir: true }).close();
    chmodSync(tmp.dir, 0o755);
    const res = await run(['directories', '--data-dir', tmp.dir, '--format', 'json']);
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(res.out)).toEqual([]);
    expect(statSync(tmp.dir).mode & 0o777).toBe(0o755);
  });
});
