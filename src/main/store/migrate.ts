/**
 * The migration runner: reads `user_version`, refuses a database written by a newer build,
 * copies the file aside before touching an existing schema, and applies every pending
 * migration in one transaction so a crash leaves either the old or the new schema.
 */
import type Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    readonly path: string,
  ) {
    super(
      `The cache at ${path} was written by a newer dsync-console (schema ${found}; this build knows up to ${supported}). ` +
        'Update the app, or point --data-dir at another folder.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrationResult {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * What opening is about to do to an older cache file, said before it starts: the copy of the
 * old file and the migrations take minutes on a cache of a million users.
 */
export interface MigrationStart {
  from: number;
  to: number;
  /** Where the copy of the old file goes first. */
  backupPath: string;
  /** The cache file's size in bytes. */
  bytes: number;
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function backupPathFor(dbPath: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let candidate = `${dbPath}.v${fromVersion}-${stamp}.bak`;
  for (let i = 1; existsSync(candidate); i++) candidate = `${dbPath}.v${fromVersion}-${stamp}-${i}.bak`;
  return candidate;
}

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/**
 * Throws DatabaseTooNewError for a database written by a newer build. Call it before any
 * pragma that writes (journal_mode=WAL rewrites the file header), so such a file stays
 * byte-for-byte as it was.
 */
export function refuseNewerSchema(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[] = allMigrations,
): void {
  const current = readUserVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) throw new DatabaseTooNewError(current, latest, dbPath);
}

export function migrate(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[] = allMigrations,
  onStart?: (start: MigrationStart) => void,
): MigrationResult {
  const latest = latestVersion(migrations);
  refuseNewerSchema(db, dbPath, migrations);
  const current = readUserVersion(db);
  if (current === latest) return { from: current, to: current, backupPath: null };

  let backupPath: string | null = null;
  if (current > 0 && dbPath !== ':memory:') {
    backupPath = backupPathFor(dbPath, current);
    onStart?.({ from: current, to: latest, backupPath, bytes: statSync(dbPath).size });
    // VACUUM INTO writes a consistent, compacted copy without holding the file open afterwards.
    db.prepare('VACUUM INTO ?').run(backupPath);
  }

  applyPendingMigrations(db, migrations);
  return { from: current, to: latest, backupPath };
}

/**
 * Runs the migrations newer than the database's `user_version` in one transaction, with no
 * backup and no version checks: `migrate` wraps it for the app; the bench calls it alone on
 * multi-GB fixtures it can rebuild. Returns the versions it went from and to.
 */
export function applyPendingMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = allMigrations,
): { from: number; to: number } {
  const from = readUserVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  // eslint-disable-next-line no-restricted-syntax -- schema changes; notes a migration leaves are applied at open (connection.ts).
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.up);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  }).immediate();
  return { from, to: pending.at(-1)?.version ?? from };
}
