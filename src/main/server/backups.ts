/**
 * Online backups of the cache on a schedule, through SQLite's backup API (better-sqlite3's
 * `db.backup()`: pages are copied in steps while reads and writes go on), keeping the newest
 * `keep` files. A backup is written under a temporary name and renamed when complete, so a
 * file named `cache-<time>.sqlite` is always whole.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { JsonLog } from './json-log.ts';

const NAME = /^cache-\d{8}T\d{6}Z\.sqlite$/;

export interface BackupOptions {
  db: Database.Database;
  dir: string;
  everyMs: number;
  keep: number;
  log: JsonLog;
  now?: () => Date;
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string> | null = null;
  lastBackup: { at: string; file: string } | null = null;
  lastError: string | null = null;

  constructor(private readonly o: BackupOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.backupNow().catch(() => {}), this.o.everyMs);
    this.timer.unref();
  }

  /** Takes one backup now (or joins the one running) and prunes old ones; resolves to its path. */
  backupNow(): Promise<string> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<string> {
    const at = (this.o.now ?? (() => new Date()))();
    const stamp = at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const file = join(this.o.dir, `cache-${stamp}.sqlite`);
    const partial = `${file}.partial`;
    const started = performance.now();
    try {
      mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
      await this.o.db.backup(partial);
      renameSync(partial, file);
      this.lastBackup = { at: at.toISOString(), file };
      this.lastError = null;
      const removed = this.prune();
      this.o.log.event('info', 'backup written', { file, ms: Math.round(performance.now() - started), removed });
      return file;
    } catch (err) {
      this.lastError = (err as Error).message;
      try {
        rmSync(partial, { force: true });
      } catch {
        // the folder itself is unusable; nothing was written
      }
      this.o.log.event('error', 'backup failed', { error: this.lastError, dir: this.o.dir });
      throw err;
    }
  }

  /** Deletes all but the newest `keep` backups; returns how many went. */
  private prune(): number {
    const files = readdirSync(this.o.dir)
      .filter((f) => NAME.test(f))
      .sort();
    const old = files.slice(0, Math.max(0, files.length - this.o.keep));
    for (const f of old) rmSync(join(this.o.dir, f), { force: true });
    return old.length;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => {});
  }
}
